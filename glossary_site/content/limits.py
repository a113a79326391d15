"""Limits on Markdown bodies: checked before every render, and as a model validator.

The renderer (markdown-it-py) is linear, but its cost grows with every token and its
block rules recurse; these limits keep every body an editor can save renderable in
well under a second (issues 8 and 25)."""

import re

from django.core.exceptions import ValidationError

# Deep nesting is what recursion in the block rules and in link labels pays for, and
# the size bounds the number of tokens. Bodies within these limits render in well
# under a second (glossary_site/markup/tests/test_security_limits.py and
# test_hostile_input.py).
MAX_BODY_CHARS = 50_000  # about 8,000 words; the longest demo body is under 5,000 characters
MAX_NESTING = 20  # levels of ">" quotes, list indentation (4 columns a level) and open "["
MAX_ABBREVIATIONS = 50  # "*[HTML]: ..." definitions
# Lines with a "|" outside code fences, the rows a table may have: every cell of a
# table is a run of the inline parser, so a table filling the size limit costs more
# than any other body of that size. No page of a glossary needs a longer table.
MAX_TABLE_ROWS = 1_000
_ABBREVIATION_RE = re.compile(r"^[ ]{0,3}\*\[[^\]]*\]:", re.M)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_QUOTE_RE = re.compile(r"^[ \t]*((?:>[ \t]?)+)")


class MarkdownTooComplex(ValueError):
    """The body is over a documented limit; the message says which, for the editor."""


def _nesting(line):
    expanded = line.expandtabs(4)
    quotes = _QUOTE_RE.match(expanded)
    depth = quotes.group(1).count(">") if quotes else 0
    return depth + (len(expanded) - len(expanded.lstrip(" "))) // 4


def _open_brackets(text):
    depth = deepest = 0
    for char in text:
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return deepest


def check_limits(text):
    """Refuse a body over the size or nesting limits with a message an editor can act on."""
    if len(text) > MAX_BODY_CHARS:
        raise MarkdownTooComplex(
            f"The text is {len(text):,} characters long; the limit is {MAX_BODY_CHARS:,}. "
            "Split it into several pages."
        )
    in_fence, table_rows = False, 0
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        table_rows += not in_fence and "|" in line
        if table_rows > MAX_TABLE_ROWS:
            raise MarkdownTooComplex(
                f"Line {number} makes more than {MAX_TABLE_ROWS:,} table rows (lines with “|”). "
                "Split the table, or put the data in a file and link to it."
            )
        if not in_fence and _nesting(line) > MAX_NESTING:
            raise MarkdownTooComplex(
                f"Line {number} is nested more than {MAX_NESTING} levels deep "
                "(quotes, lists or indentation). Flatten it."
            )
    if len(_ABBREVIATION_RE.findall(text)) > MAX_ABBREVIATIONS:
        raise MarkdownTooComplex(f"The text defines more than {MAX_ABBREVIATIONS} abbreviations.")
    if _open_brackets(text) > MAX_NESTING:
        raise MarkdownTooComplex(
            f'The text has more than {MAX_NESTING} "[" brackets open at once. Close or remove some.'
        )


def validate_markdown_limits(text):
    """Model field validator: the renderer's limits as a form error, not a 500."""
    try:
        check_limits(text or "")
    except MarkdownTooComplex as error:
        raise ValidationError(str(error), code="markdown_too_complex") from None
