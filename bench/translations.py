"""Out-of-date translations at size, in-process: the queries the desk and the
change list's filters run, one at a time.

    SITE_LANGUAGES=en,de python bench/translations.py [--terms 50000] [--runs 20]

Builds (once, then reuses) a SQLite database in /tmp, or uses DATABASE_URL, with
N English terms and a German translation of each, every third source changed
since its translation; prints the median and p90 of each query in ms, and the
plan of the out-of-date count.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("SITE_LANGUAGES", "en,de")


def build(count):
    """Rows written directly (no rendering, no search documents): only the columns
    these queries read need to be real."""
    from django.utils import timezone

    from terms.models import Term

    now, rows = timezone.now(), []
    for n in range(count):
        key, revision = uuid.uuid4(), 2 if n % 3 == 0 else 1
        common = {"summary": "", "body": "Text.", "body_html": "<p>Text.</p>", "status": "published"}
        rows.append(
            Term(title=f"Term {n:06}", slug=f"term-{n}", language="en", translation_key=key,
                 source_revision=revision, sort_key=f"term {n:06}", index_letter="t",
                 published_at=now, **common)
        )  # fmt: skip
        rows.append(
            Term(title=f"Begriff {n:06}", slug=f"begriff-{n}", language="de", translation_key=key,
                 translated_from=1, sort_key=f"begriff {n:06}", index_letter="b",
                 published_at=now, **common)
        )  # fmt: skip
    Term.objects.bulk_create(rows, batch_size=2000)


def timed(function, runs):
    function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:////tmp/glossary-bench-translations-{args.terms}.sqlite3"

    import django

    django.setup()
    from django.contrib.admin import site
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from glossary_site.editorial import home
    from terms.models import Term

    call_command("migrate", verbosity=0)
    if Term.objects.filter(language="en").count() != args.terms:
        Term.objects.all().delete()
        build(args.terms)
    user = get_user_model()(username="bench", is_superuser=True, is_active=True, is_staff=True)
    queries = {
        "out of date, count": lambda: Term.objects.out_of_date("de").count(),
        "out of date, first 10": lambda: list(Term.objects.out_of_date("de").order_by("title")[:10]),
        "missing in, count": lambda: Term.objects.missing_in("de").count(),
        "the desk's lists": lambda: home.translation_desk(user, site),
    }
    print(f"{'query':24} {'median ms':>10} {'p90 ms':>8}  ({args.terms} terms and as many translations)")
    for name, function in queries.items():
        median, p90 = timed(function, args.runs)
        print(f"{name:24} {median:10.1f} {p90:8.1f}")
    print("plan:", Term.objects.out_of_date("de").explain())


if __name__ == "__main__":
    main()
