"""Where a unique search's time goes, through the whole results page, in-process.

    .venv/bin/python bench/profile_search.py --database /tmp/glossary-bench-1000.sqlite3
    .venv/bin/python bench/profile_search.py --database /tmp/glossary-bench-100000.sqlite3 --profile search.prof

The database is one `bench/run.py` built (`--terms N`), copied first so that nothing
is written to it. N different searches (default 300), each two random words of the
benchmark's vocabulary and a token of its own, as `bench/unique.lua` sends them,
are asked through Django's test client after 20 not counted (they fill the
process's caches): wall time a search, then the part of it spent in the search
itself (kept.results_page: names, ranking, "did you mean"), in its steps, and in
rendering the page. With `--profile FILE`, cProfile's statistics (CPU time) of the
timed part go to FILE and their top is printed; they slow Python code most.
"""

import argparse
import cProfile
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(owner, name, spent, label):
    """Replace owner.name by a wrapper adding its wall time to spent[label]."""
    inner = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="SQLite file bench/run.py built")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--profile", help="write cProfile statistics of the timed searches here")
    args = parser.parse_args()
    copy = Path(tempfile.mkdtemp()) / "search.sqlite3"
    shutil.copy(args.database, copy)
    os.environ.update(
        DJANGO_SECRET_KEY="bench-only-secret",
        DJANGO_DEBUG="0",
        DATABASE_URL=f"sqlite:///{copy}",
        DJANGO_SETTINGS_MODULE="glossary_site.settings",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL="",
        SEARCH_RATE_LIMIT="1000000000",
        SEARCH_SHARE="1",
    )
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    os.chdir(ROOT)
    import django

    django.setup()
    from content import VOCABULARY, WORDS
    from django.template.response import SimpleTemplateResponse
    from django.test import Client

    from glossary_site.search import kept, names, suggestions

    spent = {}
    timed(kept, "results_page", spent, "search (results_page)")
    timed(suggestions, "search", spent, "  found as typed (results.search)")
    timed(names, "named_and_counted", spent, "    names and the count")
    timed(suggestions, "_candidate", spent, "  did you mean (_candidate)")
    rendered = SimpleTemplateResponse.rendered_content

    def rendering(response):
        started = time.perf_counter()
        try:
            return rendered.fget(response)
        finally:
            spent["rendering the page"] = spent.get("rendering the page", 0.0) + time.perf_counter() - started

    SimpleTemplateResponse.rendered_content = property(rendering)
    words = VOCABULARY + WORDS
    rng = random.Random(29)
    paths = [f"/search/?q={rng.choice(words)}+{rng.choice(words)}+{n}n{n}" for n in range(args.searches + 20)]
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:20]:
        assert client.get(path).status_code == 200
    spent.clear()
    profile = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profile:
        profile.enable()
    for path in paths[20:]:
        assert client.get(path).status_code == 200, path
    if profile:
        profile.disable()
    whole = time.perf_counter() - started
    print(f"{args.searches} unique searches, {copy.stat().st_size / 1e6:.0f} MB database")
    print(f"{'whole request':36} {1000 * whole / args.searches:6.2f} ms")
    for label, seconds in spent.items():
        print(f"{label:36} {1000 * seconds / args.searches:6.2f} ms")
    if profile:
        profile.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(30)
    shutil.rmtree(copy.parent)


if __name__ == "__main__":
    main()
