"""The one Markdown renderer: stored page bodies and the admin's live preview.

Python-Markdown turns editor text into HTML; nh3 then keeps only an allow-list of
tags, attributes and URL schemes, so whatever an editor (or an attacker with an
editor's password) types, no script, event handler or dangerous URL reaches a page.
"""

import math
import re
from html import unescape

import markdown
import nh3
from django.conf import settings
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}  # fmt: skip
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "code": {"class"},
    "div": {"class"},
    "sup": {"id"},
    "li": {"id"},
    "td": {"align"},
    "th": {"align"},
    **{tag: {"id"} for tag in HEADINGS},
}
URL_SCHEMES = {"http", "https", "mailto"}

_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


class _DemoteH1(Treeprocessor):
    """The page title is the page's only h1, so a body's `# Heading` becomes h2."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _DemoteH1Extension(Extension):
    def extendMarkdown(self, md):
        # Priority above the toc extension's (20) so ids are made for the final tags.
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 30)


def _markdown():
    return markdown.Markdown(
        extensions=[
            "markdown.extensions.extra",
            "markdown.extensions.sane_lists",
            "markdown.extensions.toc",
            _DemoteH1Extension(),
        ],
        extension_configs={"markdown.extensions.toc": {"permalink": False}},
        output_format="html",
    )


def render(text):
    """Render editor Markdown to sanitised HTML, ready to store and display."""
    html = _markdown().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def word_count(html):
    """Words a reader reads: the rendered text, not Markdown or HTML syntax."""
    return len(_WORD_RE.findall(unescape(_TAG_RE.sub(" ", html))))


def reading_minutes(html):
    return max(1, math.ceil(word_count(html) / settings.WORDS_PER_MINUTE))
