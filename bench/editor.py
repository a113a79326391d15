"""An editor saving a term every second, through the models, for the read-path bench.

    python bench/editor.py BASE_URL SECONDS TERMS

Run by bench/run.py in its own process (with DJANGO_SETTINGS_MODULE and the bench
database in the environment). After each save it reads the term's page over HTTP
once and checks the new words are there: every save must be visible on the next
read. Prints one line: saves, saves seen at once, saves not seen.
"""

import os
import random
import sys
import time
import urllib.request
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    base, seconds, terms = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
    django.setup()
    from terms.models import Term

    rng = random.Random(7)
    saves = seen = 0
    missed = []
    # One save first, not counted: the process builds its term matcher (all names).
    Term.objects.get(slug="term-0").save()
    print("ready", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        term = Term.objects.get(slug=f"term-{rng.randrange(terms)}")
        marker = f"edit-{os.getpid()}-{saves}"
        term.body = f"{term.body}\n\nEdited by the benchmark: {marker}."
        term.save()
        saves += 1
        page = urllib.request.urlopen(f"{base}/glossary/{term.slug}/", timeout=10).read().decode()
        if marker in page:
            seen += 1
        else:
            missed.append(term.slug)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
    print(f"saves={saves} seen={seen} missed={len(missed)} {' '.join(missed[:5])}")


if __name__ == "__main__":
    main()
