"""The one Markdown renderer: stored page bodies and the admin's live preview.

Python-Markdown turns editor text into HTML; nh3 then keeps only an allow-list of
tags, attributes and URL schemes, so whatever an editor (or an attacker with an
editor's password) types, no script, event handler or dangerous URL reaches a page.
"""

import math
import re
import threading
import xml.etree.ElementTree as ElementTree
from html import escape, unescape
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from glossary_site.content.limits import check_limits
from glossary_site.markup import uploads
from glossary_site.markup.linker import NO_LINK_ATTRIBUTE

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


class _DemoteH1(Treeprocessor):
    """The page title is the page's only h1, so a body's `# Heading` becomes h2."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _DemoteH1Extension(Extension):
    def extendMarkdown(self, md):
        # Priority above the toc extension's (20) so ids are made for the final tags.
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 30)


def _elsewhere(url):
    """An image address on another site. Pages load images from this site only
    (CSP img-src 'self', and the site must work offline): readers would see a
    broken image, and the other site would learn who reads what."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower() or "https"  # "//host/x.png" takes the page's, https
    if not (url.startswith("//") or parts.scheme.lower() in ("http", "https")):
        return False  # a path on this site
    site = urlsplit(settings.SITE_URL)
    allowed = {f"{site.scheme}://{site.netloc}".lower(), *settings.IMAGE_SOURCES}
    return f"{scheme}://{parts.netloc.lower()}" not in allowed and f"{scheme}:" not in allowed


# An <img> whose source _keep_attribute took away: its alt text is what remains.
_SOURCELESS_IMAGE_RE = re.compile(r'<img(?![^>]*\ssrc=)(?:[^>]*?\salt="(?P<alt>[^"]*)")?[^>]*>')


def _keep_attribute(tag, attribute, value):
    # For <img> written as HTML; Markdown images become links first (_BodyImages).
    if tag == "img" and attribute == "src" and _elsewhere(value):
        return None
    return value


class _BodyImages(Treeprocessor):
    """Body images load lazily and keep their place while they load: our uploads get
    width and height (from their names), so the text below does not jump. An image
    from another site becomes a link to it, named by its alt text."""

    def run(self, root):
        in_link = {child for link in root.iter("a") for child in link.iter() if child is not link}
        for image in root.iter("img"):
            if _elsewhere(image.get("src", "")):
                alt, href = image.get("alt", "").strip(), image.get("src", "").strip()
                image.text = f"Image: {alt}" if alt else "Image on another site"
                image.attrib.clear()
                # Inside a link already, the words alone (a link may not hold a link).
                image.tag = "span" if image in in_link else "a"
                if image.tag == "a":
                    image.set("href", href)
                continue
            image.set("loading", "lazy")
            image.set("decoding", "async")
            if not (image.get("width") or image.get("height")):
                size = uploads.image_size(image.get("src", ""))
                if size:
                    image.set("width", str(size[0]))
                    image.set("height", str(size[1]))


class _BodyImagesExtension(Extension):
    def extendMarkdown(self, md):
        # Below the inline processor (20), which is what makes images from "![..](..)".
        md.treeprocessors.register(_BodyImages(md), "body_images", 15)


class _NoLink(InlineProcessor):
    """`[the rest]{.nolink}`: the words show as written and are never linked to a term.

    The span the linker reads is dropped when it has done its work, so nothing of the
    mark reaches the page; the words inside keep their own Markdown (emphasis, code)."""

    def handleMatch(self, m, data):
        span = ElementTree.Element("span")
        span.set(NO_LINK_ATTRIBUTE, "")
        span.text = m.group(1)
        return span, m.start(0), m.end(0)


class _NoLinkExtension(Extension):
    def extendMarkdown(self, md):
        # Above links and references (160, 170), below code spans and escapes (190, 180).
        md.inlinePatterns.register(_NoLink(r"\[([^\]\n]+)\]\{\.nolink\}", md), "no_link", 175)


def _markdown():
    return markdown.Markdown(
        extensions=[
            "markdown.extensions.extra",
            "markdown.extensions.sane_lists",
            "markdown.extensions.toc",
            _DemoteH1Extension(),
            _BodyImagesExtension(),
            _NoLinkExtension(),
        ],
        extension_configs={"markdown.extensions.toc": {"permalink": False}},
        output_format="html",
    )


_HEADING_RE = re.compile(r'<(h[2-6]) id="([^"]+)">(.*?)</\1>', re.S)
# One converter per thread, reset before each body: making one with its extensions
# costs about a fifth of a rendering, which an import of 100,000 bodies pays each time.
_converters = threading.local()


def _converter():
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = _markdown()
    return converter.reset()


def render(text):
    """Render editor Markdown to sanitised HTML, ready to store and display.

    Headings get a visible "#" anchor; it is added after sanitising, from the ids
    the toc extension made, so no editor markup can forge one."""
    check_limits(text or "")  # issue 8: raises MarkdownTooComplex over the limits
    html = nh3.clean(
        _converter().convert(text or ""),
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
    label = escape(f"Link to this section: {heading_text(inner)}")
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
    return (
        '<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">On this page</h2>'
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
    return max(1, math.ceil(word_count(html) / settings.WORDS_PER_MINUTE))


def rendered_parts(text):
    """(HTML, reading minutes, contents list, plain text) of a body: all a save makes
    of it before linking. Plain values, so a forked process can make them (parallel.py)."""
    html = render(text)
    return html, reading_minutes(html), table_of_contents(html), plain_text(html)


_TOOLTIP_RE = re.compile(r'<span class="term-tip"[^>]*>.*?</span>', re.S)


def text_as_read(body_html):
    """A stored body as plain words, as read: the term tooltips' summaries left out."""
    return plain_text(_TOOLTIP_RE.sub("", body_html))


def words_as_read(body_html):
    """Words of a stored body as read (the term tooltips' summaries left out)."""
    return word_count(_TOOLTIP_RE.sub("", body_html))
