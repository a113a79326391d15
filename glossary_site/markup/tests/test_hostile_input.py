"""Hostile bodies cost what a save can afford: each shape that made the old renderer
slow (issue 25), and others of the same kind, at the largest size the limits accept,
is rendered with its contents list and reading time in under half a second; a body
nested past what the stack holds is refused with a message, never a RecursionError."""

import gc
import sys
import time

import pytest

from glossary_site.content.limits import (
    MAX_BODY_CHARS,
    MAX_NESTING,
    MAX_TABLE_ROWS,
    MarkdownTooComplex,
    check_limits,
)
from glossary_site.markup.markdown import render, rendered_parts

SAVE_BUDGET = 0.5  # seconds of this process's CPU for everything a save renders
# A body of ordinary Markdown and what it costs on an ordinary machine (the 2-core
# one of bench/README.md, busy). Measured beside each hostile body: where it costs
# more (a machine busier or slower at that moment), the budget grows in proportion.
ORDINARY = "- a [short](/x/) item with *some* words\n" * 1000
ORDINARY_REFERENCE = 0.08


def fill(unit, tail=""):
    """As many whole copies of unit as the size limit allows, and the tail."""
    return unit * ((MAX_BODY_CHARS - len(tail)) // len(unit)) + tail


def _nested_divs(depth):
    return '<div markdown="1">\n\n' * depth + "Inside.\n\n" + "</div>\n\n" * depth


HOSTILE = {
    # The list.
    "unclosed link destinations": "[a](" * 4000,
    "footnote references": "x[^a]" * 4000 + "\n\n[^a]: note",
    "setext headings": "a\n=\n" * 12497,
    "unclosed autolinks": fill("<http://a"),
    "atx headings": "## a\n" * 10000,
    "nested markdown divs": _nested_divs(400),
    # The same kinds, and others.
    "link destinations at the limit": fill("[a]("),
    "footnote references at the limit": fill("x[^a]", "\n\n[^a]: note"),
    "many footnote definitions": "".join(f"x[^{i}]\n" for i in range(1800))
    + "\n"
    + "".join(f"[^{i}]: note {i}\n" for i in range(1800)),
    "repeated headings with one anchor": fill("## Same words\n"),
    "deep quotes": fill("> " * MAX_NESTING + "x\n"),
    "deep lists": "\n".join("    " * (i % MAX_NESTING) + "- x" for i in range(9000))[:MAX_BODY_CHARS],
    "star runs": "".join("*" * i + "a" for i in range(1, 400))[:MAX_BODY_CHARS],
    "underscore runs": "".join("_" * i + "a " for i in range(1, 400))[:MAX_BODY_CHARS],
    "backtick runs": "".join("`" * i + "a" for i in range(1, 400))[:MAX_BODY_CHARS],
    # Brackets nested to the limit are in test_security_limits.py, against prose.
    "bracket runs": fill("[a] [b][c] ![d] [e]: "),
    "brackets nested a few deep": fill("[[[[x]]]] ![![![y]]] "),
    "spans and near-spans": fill("[a]{.nolink} [b]{% [c]{ "),
    "longest table": "|a|b|c|\n|-|-|-|\n" + "|1|2|3|\n" * (MAX_TABLE_ROWS - 2),
    "table of long cells": "|a|b|\n|-|-|\n" + fill(f"|{'w ' * 10}|{'*x* ' * 10}|\n")[:-64],
    "definition lists": fill("term\n: definition\n"),
    "task lists": fill("- [ ] to do\n- [x] done\n"),
    "entity runs": fill("&amp;&#x27;&nosuch;&#99999999;"),
    "raw html runs": fill("<b><i>"),
    "bare addresses": fill("http://a.example www.b.example c@d.example "),
}


def _cost(text):
    gc.collect()  # not a collection of everything pytest holds, timed as the body's
    started = time.process_time()
    rendered_parts(text)
    return time.process_time() - started


def save_cost(text, budget, runs=7):
    """CPU time of what a save makes of a body, and the budget it is held to at that
    moment. Noise only ever adds time, so the least of a few runs counts; ordinary
    Markdown is timed between them, under the same load, and where it costs more than
    on the reference machine the budget grows in proportion (a ratio measured in one
    run, as the benchmarks compare)."""
    costs, ordinary = [], []
    for _ in range(runs):
        costs.append(_cost(text))
        if costs[-1] < budget:
            return costs[-1], budget
        ordinary.append(_cost(ORDINARY))
    return min(costs), budget * max(1.0, min(ordinary) / ORDINARY_REFERENCE)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_body_within_the_limits_renders_in_under_half_a_second(name):
    text = HOSTILE[name]
    assert len(text) <= MAX_BODY_CHARS, (name, len(text))
    check_limits(text)  # accepted, so an editor can save it
    cost, budget = save_cost(text, SAVE_BUDGET)
    assert cost < budget, f"{name}: {cost:.2f} s for {len(text):,} characters (budget {budget:.2f} s)"


def test_a_table_longer_than_the_limit_is_refused_with_the_line_that_passes_it():
    table = "|a|b|c|\n|-|-|-|\n" + "|1|2|3|\n" * (MAX_TABLE_ROWS - 1)
    with pytest.raises(
        MarkdownTooComplex, match=f"Line {MAX_TABLE_ROWS + 1} makes more than 1,000 table rows"
    ):
        check_limits(table)
    check_limits(
        "```\n" + "a | b\n" * MAX_TABLE_ROWS + "```\n" + table[: table.rindex("|1")]
    )  # code is no table


def test_nested_markdown_divs_render_their_words_without_error():
    html = render(_nested_divs(400))
    assert "Inside." in html


def test_a_body_deeper_than_the_stack_is_refused_with_a_message_not_an_error():
    body = "> " * MAX_NESTING + "Quoted words"
    render(body)  # fine with the stack Python has
    limit = sys.getrecursionlimit()
    # A stack only just deep enough for the test itself: the renderer's recursion
    # over the twenty quotes no longer fits, as it might in a smaller thread stack.
    depth = len(_frames())
    sys.setrecursionlimit(depth + 40)
    try:
        with pytest.raises(MarkdownTooComplex, match="nested too deeply"):
            render(body)
    finally:
        sys.setrecursionlimit(limit)


def _frames():
    frame, frames = sys._getframe(), []
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back
    return frames


def test_the_preview_answers_for_nested_markdown_divs(staff_client):
    response = staff_client.post("/markdownx/markdownify/", {"content": _nested_divs(400)})
    assert response.status_code == 200
    assert "Inside." in response.content.decode()
