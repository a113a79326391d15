"""Index, letter page and search with many terms, one request at a time, in-process.

    python bench/pages.py [--terms 100000] [--japanese 0] [--runs 30] [--cpu]

Builds (once, then reuses) a SQLite database in /tmp with generated content, or
uses DATABASE_URL for PostgreSQL, and times each page through Django's handler
(no network, no server), which is what the 50 ms target of issue 4 is about.
With --japanese N, N Japanese terms are added beside the English ones (the site
then has both languages, as SITE_LANGUAGES=en,ja), and the Japanese index, kana
row and searches are timed too (issue 28).
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
os.environ.setdefault("API_RATE_LIMIT", "0")  # one client asking many times is the point here
PAGES = [
    ("glossary index", "/glossary/"),
    ("letter page", "/glossary/letter/m/"),
    ("letter page 3", "/glossary/letter/m/?page=3"),
    ("search, one common word", "/search/?q=cache"),
    ("search, a word prefix", "/search/?q=ledg"),
    ("search, two words", "/search/?q=distributed+ledger"),
    ("search (no match)", "/search/?q=zzyzx"),
    ("search, an open compound", "/search/?q=data+base"),
    ("search, a misspelling", "/search/?q=databse"),
    ("suggestions 'mcache'", "/search/suggest/?q=mcache"),
    ("suggestions 'cdata'", "/search/suggest/?q=cdata"),
    ("term page", "/glossary/term-4242/"),
    ("API term", "/api/terms/term-42/"),
    ("API terms A-Z, page 3", "/api/terms/?page=3"),
    ("API search, one common word", "/api/terms/?q=cache"),
    ("API search, two words", "/api/terms/?q=distributed+ledger"),
]
JAPANESE_PAGES = [
    ("ja: glossary index", "/ja/glossary/"),
    ("ja: search, inside longer words", "/ja/search/?q=%E3%83%87%E3%83%97%E3%83%AD%E3%82%A4"),  # デプロイ
    ("ja: search, Latin in Japanese", "/ja/search/?q=API"),
    ("ja: search, two words", "/ja/search/?q=%E9%9A%9C%E5%AE%B3+%E5%BE%A9%E6%97%A7"),  # 障害 復旧
    ("ja: search (no match)", "/ja/search/?q=zzyzx"),
    ("ja: suggestions", "/ja/search/suggest/?q=%E3%83%8E%E3%83%BC"),  # ノー
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--japanese", type=int, default=0, help="Japanese terms beside the English ones")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time the CPU this process spends (SQLite's work included, not PostgreSQL's), not the clock: "
        "steadier on a machine others are loading",
    )
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    if not os.environ.get("DATABASE_URL"):
        # The same file bench/search.py builds for these sizes.
        name = f"{args.terms}-ja{args.japanese}" if args.japanese else args.terms
        os.environ["DATABASE_URL"] = f"sqlite:////tmp/glossary-bench-{name}.sqlite3"
    if args.japanese:
        os.environ["SITE_LANGUAGES"] = "en,ja"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from terms.models import Term

    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    call_command("migrate", verbosity=0)
    from content import build, build_language

    where = settings.DATABASES["default"]["NAME"]
    if Term.objects.filter(language="en").count() != args.terms:
        print(f"building {args.terms} + {args.japanese} terms in {where} ...")
        Term.objects.all().delete()
        build(args.terms)
    if Term.objects.filter(language="ja").count() != args.japanese:
        # A copy of the English-only database of the same size serves: only these are added.
        print(f"adding {args.japanese} Japanese terms in {where} ...")
        Term.objects.filter(language="ja").delete()
        build_language("ja", args.japanese)
    from glossary_site.serving import pagecache

    client = Client(HTTP_HOST="localhost")
    print(
        f"{'page':32} {'median ms':>10} {'p90 ms':>8}  "
        f"(target < 50 ms; {args.terms} terms, {args.japanese} in Japanese)"
    )
    for label, url in PAGES + (JAPANESE_PAGES if args.japanese else []):
        status = client.get(url).status_code
        if status == 404 and args.terms < 100_000:
            print(f"{label:32} {'(none at this size)':>19}")
            continue
        assert status == 200, (url, status)
        timings = []
        for _ in range(args.runs):
            pagecache.clear()  # measure the render (a cache miss), not the page cache
            start = clock()
            client.get(url)
            timings.append((clock() - start) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"{label:32} {statistics.median(timings):10.1f} {p90:8.1f}")


if __name__ == "__main__":
    main()
