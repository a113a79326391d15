"""How long automatic term linking takes: a 5,000-word body against 10,000 names.

    python bench/linker.py [--names 10000] [--words 5000] [--characters 5000] [--runs 20] [--only en|ja]

Two cases: an English body of words against English names, then a Japanese body of
5,000 characters against 10,000 Japanese names (katakana, kanji, Latin acronyms).

Target (issue 4): under 50 ms on one core. Prints the median and the slowest run,
in wall time and in the process's CPU time: on a machine other work shares, the
wall time includes waiting for a core, the CPU time much less of it.
Needs no database: the matcher is built from generated names. Since issue 14 the
names carry the linker's rules as a real glossary does: one in seven is an acronym
(matched in capitals only), one in ten has phrases of its own, some names are
shared by two terms, and the site-wide phrases and the body's own names apply.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=5_000)
    parser.add_argument("--characters", type=int, default=5_000, help="of the Japanese body")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", choices=("en", "ja"), help="one of the two cases")
    args = parser.parse_args()

    import django

    django.setup()
    if args.only != "ja":
        english(args)
    if args.only != "en":
        japanese(args)


def english(args):
    from content import markdown_body, term_title
    from django.conf import settings

    from glossary_site.markup.linker import Target, TermMatcher, phrases
    from glossary_site.markup.markdown import render, word_count

    rng = random.Random(7)
    titles = [term_title(n, rng) for n in range(args.names)]
    titles = [title.upper() if n % 7 == 0 else title for n, title in enumerate(titles)]
    own_phrases = phrases(["the same as", "in short", "as a rule"])
    names = [
        (
            title,
            Target(
                n, f"t{n}", f"/glossary/t{n}/", f"Summary {n}", never_in=own_phrases if n % 10 == 0 else ()
            ),
        )
        for n, title in enumerate(titles)
    ]
    names += [(titles[n], Target(n + 1, f"t{n + 1}", "/x/", "")) for n in range(0, args.names, 50)]  # shared
    start = time.perf_counter()
    matcher = TermMatcher(names, never_in=phrases(settings.TERM_LINKS_NEVER_IN))
    build_ms = (time.perf_counter() - start) * 1000
    html = render(markdown_body(rng, args.words, mentions=rng.sample(titles, 200)))
    print(f"English: names: {args.names}   body: {word_count(html)} words")
    _report(matcher, html, titles[3:5], build_ms, args.runs)


def japanese(args):
    """The same for a Japanese glossary: katakana, kanji and Latin names, a body of
    characters with no spaces between words (markup/scripts.py)."""
    from content import japanese_body, japanese_names
    from django.conf import settings

    from glossary_site.markup.linker import Target, TermMatcher, phrases
    from glossary_site.markup.markdown import plain_text, render

    rng = random.Random(7)
    titles = japanese_names(rng, args.names)
    own_phrases = phrases(["キャッシュレス決済", "ノードの外"])
    names = [
        (
            title,
            Target(
                n, f"t{n}", f"/ja/glossary/t{n}/", f"要約 {n}", never_in=own_phrases if n % 10 == 0 else ()
            ),
        )
        for n, title in enumerate(titles)
    ]
    names += [(titles[n], Target(n + 1, f"t{n + 1}", "/x/", "")) for n in range(0, args.names, 50)]  # shared
    start = time.perf_counter()
    matcher = TermMatcher(names, never_in=phrases(settings.TERM_LINKS_NEVER_IN), language="ja")
    build_ms = (time.perf_counter() - start) * 1000
    html = render(japanese_body(rng, args.characters, mentions=rng.sample(titles, 200)))
    print(f"Japanese: names: {args.names}   body: {len(plain_text(html))} characters")
    _report(matcher, html, titles[3:5], build_ms, args.runs)


def _report(matcher, html, own_names, build_ms, runs):
    timings, cpu_timings, linked = [], [], 0
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        _, ids = matcher.link(html, exclude_term_id=3, own_names=own_names)
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)
        linked = len(ids)
    median, cpu = statistics.median(timings), statistics.median(cpu_timings)
    print(f"links made: {linked}")
    print(f"matcher build: {build_ms:.1f} ms (once per change of terms, per process)")
    print(f"link one body: median {median:.1f} ms, slowest {max(timings):.1f} ms over {runs} runs")
    print(f"link one body, CPU time: median {cpu:.1f} ms, slowest {max(cpu_timings):.1f} ms")
    verdicts = ["met" if value < 50 else "NOT met" for value in (median, cpu)]
    print(f"target under 50 ms: {verdicts[0]} (CPU time: {verdicts[1]})")


if __name__ == "__main__":
    main()
