"""Search alone, in-process: results.search() for a few kinds of query, one at a time.

    python bench/search.py [--terms 10000] [--runs 20] [--cpu]

Builds (once, then reuses) a SQLite database in /tmp with generated content, or
uses DATABASE_URL (PostgreSQL too), as bench/pages.py does; prints the median and
p90 of each query in ms. Without the page around it, the ranking's own cost shows.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
QUERIES = [
    "cache", "ledg", "distributed ledger", "zzyzx", "rest", "backend developer", "scal",
    # Word forms (issue 25): a closed word split every way, an open compound joined,
    # a British spelling, a misspelling as typed (the page then searches "database").
    "loadbalancer", "data base", "colour", "databse",
]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time the CPU this process spends (SQLite's work included, not PostgreSQL's), not the clock: "
        "steadier on a machine others are loading",
    )
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:////tmp/glossary-bench-{args.terms}.sqlite3"

    import django

    django.setup()
    from django.core.management import call_command

    from glossary_site.search import results
    from terms.models import Term

    call_command("migrate", verbosity=0)
    if Term.objects.count() != args.terms:
        from content import build

        Term.objects.all().delete()
        build(args.terms)
    print(f"{'query':22} {'median ms':>10} {'p90 ms':>8}  ({args.terms} terms)")
    for query in QUERIES:
        results.search(query, limit=21)  # a page of results and whether there is a next
        timings = []
        for _ in range(args.runs):
            start = clock()
            results.search(query, limit=21)
            timings.append((clock() - start) * 1000)
        timings.sort()
        print(f"{query:22} {statistics.median(timings):10.1f} {timings[int(len(timings) * 0.9) - 1]:8.1f}")


if __name__ == "__main__":
    main()
