"""Rendering is bounded: the renderer refuses bodies over its documented limits with
a clear message, and no body it accepts costs much more to render than plain prose
of the same size (test_hostile_input.py holds them to a save's time budget)."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from glossary_site.content.limits import (
    MAX_ABBREVIATIONS,
    MAX_BODY_CHARS,
    MAX_NESTING,
    MAX_TABLE_ROWS,
    MarkdownTooComplex,
    check_limits,
    validate_markdown_limits,
)
from glossary_site.markup.markdown import render
from glossary_site.testing.admin_forms import form_data, textarea_value

N = MAX_NESTING


def fill(unit):
    """As many whole copies of unit as the size limit allows."""
    return unit * (MAX_BODY_CHARS // len(unit))


# Accepted: each just under one of the limits, as long as the size limit allows.
PATHOLOGICAL = {
    "nested brackets": fill("[" * N + "x" + "]" * N + "(y) "),
    "nested images": fill("![" * N + "]" * N + " "),
    "brackets and parentheses": fill("[" * N + "x](" * N + ")" * N + "\n"),
    "alternating brackets": fill("]["),
    "emphasis markers": fill("*_"),
    "mixed emphasis": fill("**a *b _c __d "),
    "underscores": fill("_"),
    "backticks": fill("`"),
    "code spans": fill("`a` "),
    "angle brackets": fill("<"),
    "entities": fill("&amp;&#x27;&lt;"),
    "deep quotes": fill("> " * N + "x\n"),
    "deep quote paragraphs": fill("> " * N + "x\n\n"),
    "deep lists": "\n".join("    " * (i % N) + "- x" for i in range(9000))[:MAX_BODY_CHARS],
    "deep ordered lists": "\n".join("    " * (i % N) + "1. x" for i in range(9000))[:MAX_BODY_CHARS],
    "quotes in lists": "\n".join("> " * 10 + "    " * (i % 10) + "- x" for i in range(3000))[:MAX_BODY_CHARS],
    "one long line": fill("word "),
    "many links": fill('[a](https://example.com/ "t") '),
    "reference links": "".join(f"[a][r{i}] " for i in range(2500))
    + "\n\n"
    + "".join(f"[r{i}]: /x{i}\n" for i in range(1200)),
    "autolinks": fill("<https://example.com/a> "),
    "big table": "|a|b|c|\n|-|-|-|\n" + "|1|2|3|\n" * (MAX_TABLE_ROWS - 2),  # the longest accepted
    "wide table": "|" + "a|" * 1000 + "\n|" + "-|" * 1000 + "\n" + ("|" + "1|" * 1000 + "\n") * 22,
    "nested html": fill("<div>" * 10 + "</div>" * 10),
    "long attribute": '<a href="x" title="' + "a" * (MAX_BODY_CHARS - 40) + '">x</a>',
    "headings": fill("## h\n\n"),
    "footnotes": "".join(f"x[^{i}] " for i in range(2500))
    + "\n\n"
    + "".join(f"[^{i}]: n\n" for i in range(2000)),
    "abbreviations": "".join(f"*[A{i}]: x\n" for i in range(MAX_ABBREVIATIONS)) + fill("A1 x ")[:40_000],
    "definition lists": fill("term\n: definition\n\n"),
    "fenced code with deep indents": "```\n" + ("    " * 30 + "x\n") * 300 + "```\n",
    "everything nested": fill("> " * 10 + "- " * 5 + "[" * 10 + "*" * 10 + "x" + "]" * 10 + "\n"),
}


# A cost ratio, not a wall-clock limit: both are measured in this process, so a busy
# machine slows them alike. Catastrophic backtracking would be hundreds of times.
MAX_RATIO_TO_PROSE = 40


def render_cost(text, runs):
    """The least CPU time of a few renders: noise only ever adds time."""
    costs = []
    for _ in range(runs):
        started = time.process_time()
        render(text)
        costs.append(time.process_time() - started)
    return min(costs)


@pytest.fixture(scope="module")
def prose_cost():
    return render_cost(fill("A plain sentence about backend caches and queues.\n\n"), runs=5)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_no_accepted_body_costs_much_more_to_render_than_prose_of_its_size(name, prose_cost):
    text = PATHOLOGICAL[name]
    assert len(text) <= MAX_BODY_CHARS, (name, len(text))
    check_limits(text)  # accepted
    cost = render_cost(text, runs=2)
    assert cost < MAX_RATIO_TO_PROSE * prose_cost, (
        f"{name}: {cost:.2f} s for {len(text):,} characters, {cost / prose_cost:.0f} times plain prose"
    )


REFUSED = {
    "too long": ("x" * (MAX_BODY_CHARS + 1), "characters long"),
    "unclosed brackets": ("[" * 5000, '"[" brackets open'),
    "brackets one too deep": ("[" * (N + 1) + "x" + "]" * (N + 1), '"[" brackets open'),
    "quotes too deep": ("> " * (N + 1) + "x", "nested more than"),
    "lists too deep": ("\n".join("    " * i + "- x" for i in range(N + 2)), "nested more than"),
    "tabs too deep": ("\t" * (N + 1) + "x", "nested more than"),
    "abbreviations": ("".join(f"*[A{i}]: x\n" for i in range(MAX_ABBREVIATIONS + 1)), "abbreviations"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_bodies_over_the_limits_are_refused_with_a_clear_message(name):
    text, words = REFUSED[name]
    with pytest.raises(MarkdownTooComplex, match=re.escape(words)):
        render(text)
    with pytest.raises(ValidationError, match=re.escape(words)):
        validate_markdown_limits(text)


def test_limits_do_not_refuse_an_ordinary_long_article():
    body = ("## Section\n\nA paragraph with [a link](/glossary/) and *emphasis*.\n\n- one\n  - two\n" * 300)[
        :MAX_BODY_CHARS
    ]
    validate_markdown_limits(body)
    assert "<h2" in render(body)


def test_live_preview_answers_400_with_the_reason_in_the_preview_pane(staff_client):
    response = staff_client.post("/markdownx/markdownify/", {"content": "> " * 50 + "Quoted words"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.startswith('<p class="markdownx-error" role="alert">Line 1 is nested more than 20 levels')
    assert "Quoted words" not in html


def test_admin_form_refuses_a_too_complex_body_and_keeps_what_was_typed(admin_client):
    data = form_data(admin_client.get("/admin/terms/term/add/").content.decode())
    body = "Keep these words.\n\n" + "[" * 50
    data.update(title="Too deep", slug="too-deep", body=body, _save="Save")

    response = admin_client.post("/admin/terms/term/add/", data)

    assert response.status_code == 200, "the form is shown again, not a 500"
    page = BeautifulSoup(response.content, "html.parser")
    errors = page.select_one(".field-body .errorlist")
    assert errors and '"[" brackets open at once' in errors.get_text(), "the reason shows at the body field"
    assert textarea_value(page.select_one("textarea[name=body]")) == body, "nothing typed is lost"
