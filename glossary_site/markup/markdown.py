"""The one Markdown renderer: stored page bodies and the admin's live preview.

markdown-it-py turns editor text into HTML (the dialect is in commonmark.py); nh3
then keeps only an allow-list of tags, attributes and URL schemes, so whatever an
editor (or an attacker with an editor's password) types, no script, event handler
or dangerous URL reaches a page.
"""

import math
import re
from html import escape, unescape

import nh3
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from glossary_site.content.limits import MarkdownTooComplex, check_limits
from glossary_site.markup.commonmark import as_browsers_read, elsewhere, parser
from glossary_site.markup.linker import NO_LINK_ATTRIBUTE

# Stamped on every item rendered (Publishable.renderer_version): raise it when a
# change of the renderer changes its output, and the worker renders every older
# body again (markup/rerendering.py).
# 0 (unstamped) and 1: Python-Markdown; 2: CommonMark + GFM, markdown-it-py; 3: an
# address a browser reads as another site's ("/\\host") treated as one.
RENDERER_VERSION = 3

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
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "ol": {"start"},
    "code": {"class"},
    "div": {"class"},
    "sup": {"id"},
    "span": {NO_LINK_ATTRIBUTE},  # [words]{.nolink}: the term linker leaves them alone
    "li": {"id"},
    "td": {"align"},
    "th": {"align"},
    **{tag: {"id"} for tag in HEADINGS},
}
URL_SCHEMES = {"http", "https", "mailto"}

_TAG_RE = re.compile(r"<[^>]+>")

_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")

# An <img> whose source _keep_attribute took away: its alt text is what remains.
_SOURCELESS_IMAGE_RE = re.compile(r'<img(?![^>]*\ssrc=)(?:[^>]*?\salt="(?P<alt>[^"]*)")?[^>]*>')


def _keep_attribute(tag, attribute, value):
    # For <img> written as HTML; Markdown images become links first (commonmark.py).
    if tag == "img" and attribute == "src" and elsewhere(value):
        return None
    if tag == "a" and attribute == "href" and as_browsers_read(value).startswith("//"):
        # A link to another site is kept, written as the site it leads to: "/\\host"
        # would pass for a path on this one to anything reading the page but a browser.
        return as_browsers_read(value)
    return value


# Built once: the parser holds no state of a rendering, so threads share it.
_PARSER = parser()


def _to_html(text):
    try:
        # Without the parser's closing newline, as bodies have always been stored.
        return _PARSER.render(text).rstrip("\n")
    except RecursionError:
        # The limits and the parser's own nesting bound keep every body seen so far
        # well inside the stack; should one still get through, the editor is told,
        # as for any body over a limit, rather than a 500 or a traceback.
        raise MarkdownTooComplex("The text is nested too deeply to show. Flatten it.") from None


_HEADING_RE = re.compile(r'<(h[2-6]) id="([^"]+)">(.*?)</\1>', re.S)


def render(text):
    """Render editor Markdown to sanitised HTML, ready to store and display.

    Headings get a visible "#" anchor; it is added after sanitising, from the ids
    the parser gave them, so no editor markup can forge one."""
    check_limits(text or "")  # issue 8: raises MarkdownTooComplex over the limits
    html = nh3.clean(
        _to_html(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )
    html = _SOURCELESS_IMAGE_RE.sub(lambda found: found["alt"] or "", html)
    return _HEADING_RE.sub(_with_anchor, html)


def _with_anchor(match):
    tag, anchor, inner = match.groups()
    label = escape(gettext("Link to this section: %(heading)s") % {"heading": heading_text(inner)})
    return (
        f'<{tag} id="{anchor}">{inner} '
        f'<a class="heading-anchor" href="#{anchor}" aria-label="{label}">#</a></{tag}>'
    )


def heading_text(inner_html):
    return unescape(_TAG_RE.sub("", inner_html)).strip()


def table_of_contents(html, minimum=3):
    """An "On this page" list of the h2 and h3 sections, when there are enough of them."""
    headings = [
        (tag, anchor, inner) for tag, anchor, inner in _HEADING_RE.findall(html) if tag in {"h2", "h3"}
    ]
    if len(headings) < minimum:
        return ""
    items, open_sub = [], False
    for tag, anchor, inner in headings:
        title = escape(heading_text(_ANCHOR_RE.sub("", inner)))
        link = f'<a href="#{anchor}">{title}</a>'
        if tag == "h3" and items:
            items.append(("" if open_sub else "<ol>") + f"<li>{link}</li>")
            open_sub = True
            continue
        if open_sub:
            items.append("</ol></li>")
            open_sub = False
        elif items:
            items.append("</li>")
        items.append(f"<li>{link}")
    items.append("</ol></li>" if open_sub else "</li>")
    heading = escape(gettext("On this page"))
    return (
        f'<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">{heading}</h2>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


_ANCHOR_RE = re.compile(r'\s*<a class="heading-anchor"[^>]*>#</a>')


_INLINE_TAG_RE = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|kbd|mark|s|small|span|strong|sub|sup)\b[^>]*>")
# The end of a heading, list item or cell that ends without punctuation of its own.
_BLOCK_END_RE = re.compile(r"(?<![.!?:;,…])(?=</(?:h[1-6]|li|dt|td|th|caption)>)")


def plain_text(html):
    """The words of rendered HTML, for reading time and the search index.

    A middle dot closes a heading or list item that has no punctuation, so a search
    snippet reads "Advantages · No over-fetching", not one run-on sentence."""
    html = _BLOCK_END_RE.sub(" ·", _ANCHOR_RE.sub("", html))
    # Inline tags join what they wrap to the words beside it ("HTTP, then"); others part words.
    html = _INLINE_TAG_RE.sub("", html)
    return " ".join(unescape(_TAG_RE.sub(" ", html)).split())


def word_count(html):
    """Words a reader reads: the rendered text, not Markdown or HTML syntax."""
    return len(_WORD_RE.findall(plain_text(html)))


def reading_minutes(html):
    return _minutes(plain_text(html))


def _minutes(text):
    return max(1, math.ceil(len(_WORD_RE.findall(text)) / settings.WORDS_PER_MINUTE))


def rendered_parts(text, language=None):
    """(HTML, reading minutes, contents list, plain text) of a body: all a save makes
    of it before linking. Plain values, so a forked process can make them (parallel.py).
    language: the body's, for the words the renderer adds ("On this page"); stored
    with the body, so they must not be whatever the saving request or worker speaks."""
    if language is not None:
        with translation.override(language):
            return rendered_parts(text)
    html = render(text)
    words = plain_text(html)
    return html, _minutes(words), table_of_contents(html), words


_TOOLTIP_RE = re.compile(r'<span class="term-tip"[^>]*>.*?</span>', re.S)


def text_as_read(body_html):
    """A stored body as plain words, as read: the term tooltips' summaries left out."""
    return plain_text(_TOOLTIP_RE.sub("", body_html))


def words_as_read(body_html):
    """Words of a stored body as read (the term tooltips' summaries left out)."""
    return word_count(_TOOLTIP_RE.sub("", body_html))
