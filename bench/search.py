"""Search alone, in-process: results.search() for a few kinds of query, one at a time.

    python bench/search.py [--terms 10000] [--japanese 0] [--runs 20] [--unique 200] [--profile N]

Builds (once, then reuses) a SQLite database in /tmp with generated content, or
uses DATABASE_URL (PostgreSQL too), as bench/pages.py does; prints the median and
p90 of each query in ms, by the clock and in CPU time of this process (SQLite's
work included, not PostgreSQL's; steadier on a machine others are loading).
Without the page around it, the ranking's own cost shows.
With --japanese N, N Japanese terms are added beside the English ones, and
Japanese queries (words inside longer words, a Latin name inside Japanese text,
one character, half-width kana) are timed too, searching Japanese only.
With --unique N, N different queries of each of three kinds are searched once
each as well, as readers' unique queries are (no cache of the database's or ours
has seen them): a word of the generated bodies (bench/content.py), the start of
one (still being typed) and two of them.
With --profile N, the timed calls run under cProfile and its N costliest
functions (by their own time and by cumulative time) are printed at the end.
"""

import argparse
import cProfile
import os
import pstats
import random
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
    parser.add_argument("--unique", type=int, default=200, help="different words, searched once each")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print cProfile's N costliest functions"
    )
    args = parser.parse_args()
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
    print(f"{args.terms} terms, {args.japanese} in Japanese; ms, median and p90 of {args.runs} calls")
    print(f"{'query':22} {'wall':>7} {'p90':>7} {'CPU':>7} {'p90':>7}")
    timed = [(query, "en") for query in QUERIES]
    timed += [(query, "ja") for query in JAPANESE_QUERIES] if args.japanese else []
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    for query, language in timed:
        results.search(query, limit=21, language=language)  # a page of results and whether there is a next
        _print(f"{query} ({language})", _timed([query] * args.runs, language, profiler))
    for label, queries in _unique_queries(args.unique).items():
        _print(label, _timed(queries, "en", profiler))
    if profiler:
        # CPU time, as the figures; they include the profiler's own overhead: time without it.
        for order in ("tottime", "cumulative"):
            pstats.Stats(profiler).sort_stats(order).print_stats(args.profile)


def _timed(queries, language, profiler):
    """Wall and CPU ms of a search of each query, as results.search() is asked
    for a page of results and whether there is a next."""
    from glossary_site.search import results

    wall, cpu = [], []
    for query in queries:
        if profiler:
            profiler.enable()
        start, start_cpu = time.perf_counter(), time.process_time()
        results.search(query, limit=21, language=language)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if profiler:
            profiler.disable()
    return wall, cpu


def _unique_queries(count):
    from content import VOCABULARY

    rng = random.Random(29)
    words = rng.sample(VOCABULARY, min(len(VOCABULARY), 4 * count))
    return (
        {
            "unique words": words[:count],
            "unique prefixes": [word[: rng.randint(3, len(word) - 1)] for word in words[count : 2 * count]],
            "unique word pairs": [
                " ".join(pair) for pair in zip(words[2 * count :: 2], words[2 * count + 1 :: 2], strict=True)
            ],
        }
        if count
        else {}
    )


def _print(label, timings):
    figures = " ".join(f"{figure:7.1f}" for times in timings for figure in _median_and_p90(times))
    print(f"{label:22} {figures}")


def _median_and_p90(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1]


if __name__ == "__main__":
    main()
