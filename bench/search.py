"""Search alone, in-process: results.search() for a few kinds of query, one at a time.

    python bench/search.py [--terms 10000] [--japanese 0] [--runs 20] [--cpu]

Builds (once, then reuses) a SQLite database in /tmp with generated content, or
uses DATABASE_URL (PostgreSQL too), as bench/pages.py does; prints the median and
p90 of each query in ms. Without the page around it, the ranking's own cost shows.
With --japanese N, N Japanese terms are added beside the English ones, and
Japanese queries (words inside longer words, a Latin name inside Japanese text,
one character, half-width kana) are timed too, searching Japanese only.
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
JAPANESE_QUERIES = [
    "デプロイ", "ノード", "分散", "API", "キャッシュサーバー", "障害 復旧", "鍵", "ﾃﾞﾌﾟﾛｲ", "zzyzx",
]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--japanese", type=int, default=0, help="Japanese terms beside the English ones")
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
        name = f"{args.terms}-ja{args.japanese}" if args.japanese else args.terms
        os.environ["DATABASE_URL"] = f"sqlite:////tmp/glossary-bench-{name}.sqlite3"

    import django

    django.setup()
    from django.core.management import call_command

    from glossary_site.search import results
    from terms.models import Term

    call_command("migrate", verbosity=0)
    if Term.objects.count() != args.terms + args.japanese:
        from content import build, build_language

        Term.objects.all().delete()
        build(args.terms)
        if args.japanese:
            build_language("ja", args.japanese)
    print(f"{'query':22} {'median ms':>10} {'p90 ms':>8}  ({args.terms} terms, {args.japanese} in Japanese)")
    timed = [(query, "en") for query in QUERIES]
    timed += [(query, "ja") for query in JAPANESE_QUERIES] if args.japanese else []
    for query, language in timed:
        results.search(query, limit=21, language=language)  # a page of results and whether there is a next
        timings = []
        for _ in range(args.runs):
            start = clock()
            results.search(query, limit=21, language=language)
            timings.append((clock() - start) * 1000)
        timings.sort()
        label = f"{query} ({language})"
        print(f"{label:22} {statistics.median(timings):10.1f} {timings[int(len(timings) * 0.9) - 1]:8.1f}")


if __name__ == "__main__":
    main()
