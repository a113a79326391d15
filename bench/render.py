"""How long a save's render takes: hostile bodies and a realistic long one.

    python bench/render.py [--runs 3] [--old]

Target (issue 25): under 0.5 s each, for what a save makes of a body (HTML, contents
list, reading time, plain text). Prints, for each body, its size and the least
and the most CPU time of the runs. --old also times Python-Markdown, the renderer
before issue 25, where it is still installed (as django-markdownx's dependency),
on the bodies it finishes in reasonable time.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")


def bodies():
    from content import markdown_body

    from glossary_site.content.limits import MAX_BODY_CHARS

    def fill(unit):
        return unit * (MAX_BODY_CHARS // len(unit))

    realistic = markdown_body(random.Random(7), 5_000)[:MAX_BODY_CHARS]
    return {
        "realistic, 5,000 words": realistic,
        '"[a](" x 4000': "[a](" * 4000,
        '"x[^a]" x 4000 + note': "x[^a]" * 4000 + "\n\n[^a]: note",
        '"a\\n=\\n" x 12497': "a\n=\n" * 12497,
        '"<http://a" to the limit': fill("<http://a"),
        '"## a\\n" x 10000': "## a\n" * 10000,
        '400 nested <div markdown="1">': '<div markdown="1">\n\n' * 400 + "x\n\n" + "</div>\n\n" * 400,
        "brackets nested 20 deep": fill("[" * 20 + "x" + "]" * 20 + " "),
        "long table": "|a|b|c|\n|-|-|-|\n" + fill("|1|2|3|\n")[:-24],
        "star runs": "".join("*" * i + "a" for i in range(1, 400))[:MAX_BODY_CHARS],
    }


def cost(function, text, runs):
    times = []
    for _ in range(runs):
        started = time.process_time()
        function(text)
        times.append(time.process_time() - started)
    return min(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", action="store_true", help="also time Python-Markdown")
    args = parser.parse_args()

    import django

    django.setup()
    from glossary_site.markup.markdown import rendered_parts

    old = _old_renderer() if args.old else None
    print(f"{'body':34} {'chars':>7} {'least':>8} {'most':>8}" + (f" {'old':>8}" if old else ""))
    for name, text in bodies().items():
        least, most = cost(rendered_parts, text, args.runs)
        line = f"{name:34} {len(text):>7,} {least:>7.3f}s {most:>7.3f}s"
        if old:
            line += " " + _old_cost(old, name, text)
        print(line, flush=True)


def _old_cost(old, name, text):
    if len(text) > 20_000 and "realistic" not in name:
        return "       -"  # seconds to minutes: see bench/README.md
    try:
        return f"{cost(old, text, 1)[0]:>7.3f}s"
    except RecursionError:
        return "RecursionError"


def _old_renderer():
    import markdown

    converter = markdown.Markdown(extensions=["extra", "sane_lists", "toc"], output_format="html")
    return lambda text: converter.reset().convert(text)


if __name__ == "__main__":
    main()
