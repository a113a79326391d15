"""The Markdown dialect editors write: CommonMark and GitHub's extensions, on markdown-it-py.

markdown-it-py parses in linear time and bounds its nesting, so no body within the
limits (content/limits.py) costs much more than prose of its size or overflows the
stack. On top of CommonMark: GFM tables, strikethrough, task lists and footnotes,
definition lists, `[words]{.nolink}`, fenced code with its language class, and what
pages expect of headings and images (ids, a body's `# Heading` as h2, images from
other sites as links). The output is not safe yet: markdown.py sanitises it.

Not GitHub's bare-address links (www.example.com, http://... without <>): the
plugin for them looks back over the text at every ":", which a body of "a:" makes
quadratic. An address in <...> or [words](...) is a link, as in CommonMark.
"""

import bisect
import functools
import re
import unicodedata
from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from glossary_site.markup import link_labels, uploads
from glossary_site.markup.linker import NO_LINK_ATTRIBUTE

# Deep enough for the 20 levels of quotes and lists the limits allow (a list level
# opens two tokens, a paragraph one more), shallow enough for Python's stack.
MAX_TOKEN_NESTING = 100


def parser():
    md = MarkdownIt(
        "commonmark",
        {"html": True, "xhtmlOut": False, "maxNesting": MAX_TOKEN_NESTING, "tasklists": True},
    )
    md.enable(["table", "strikethrough"])
    # Every link and image is made, whatever its scheme: the sanitiser's URL
    # allow-list decides (a `javascript:` link keeps its words, loses its address),
    # as for links written as HTML, rather than leaving the Markdown shown as text.
    md.validateLink = _any_link
    link_labels.install(md)
    md.use(footnote_plugin, inline=False)
    md.use(deflist_plugin)
    # Spans only, and only their class is read: `{#id onclick=...}` after a span, a
    # link or an image sets nothing (the rest stays text or is dropped below).
    md.use(attrs_plugin, after=(), spans=True, allowed=("class",))
    md.inline.ruler.at("span", _only_before_braces(_rule(md.inline.ruler, "span")))
    md.inline.ruler.at("footnote_ref", _only_at("[^", _rule(md.inline.ruler, "footnote_ref")))
    md.core.ruler.push("page_headings", _page_headings)
    md.core.ruler.push("marks_and_images", _marks_and_images)
    for name, rule in _RENDER_RULES.items():
        md.add_render_rule(name, rule)
    return md


def _any_link(url):
    return True


def _rule(ruler, name):
    return next(rule.fn for rule in ruler.__rules__ if rule.name == name)


def _only_before_braces(span_rule):
    """The attribute plugin's span rule, tried only where a "]{" follows: it measures
    each "[" to its "]" again after the link rule has, which for text full of
    brackets and no spans at all would double the cost of the whole body."""

    def rule(state, silent):
        if state.src[state.pos] != "[":
            return False
        marks = state.env.setdefault("span_marks", {})
        found = marks.get(state.src)
        if found is None:
            found = marks[state.src] = [m.start() for m in _SPAN_MARK_RE.finditer(state.src)]
        at = bisect.bisect_left(found, state.pos)
        if at == len(found) or found[at] >= state.posMax:
            return False
        return span_rule(state, silent)

    return rule


_SPAN_MARK_RE = re.compile(r"\]\{")


def _only_at(opening, inline_rule):
    """The rule, tried only where its opening is: the parser offers every rule each
    "[" and "!" of the text, which in a body of brackets is most of its cost."""

    def rule(state, silent):
        return state.src.startswith(opening, state.pos) and inline_rule(state, silent)

    return rule


# --- Headings -------------------------------------------------------------------


def _page_headings(state):
    """The page title is the only h1, so a body's `# Heading` becomes h2; every
    heading gets the id Python-Markdown's toc extension gave it, so addresses of
    sections stay as they were."""
    used, counters = set(), {}
    for index, token in enumerate(state.tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        if token.tag == "h1":
            token.tag = "h2"
        if token.type == "heading_open":
            text = _heading_words(state.tokens[index + 1].children or [])
            token.attrSet("id", _unique(slugify(text), used, counters))


def _heading_words(children):
    # An image's alt text lives in its own children, so it is not part of the name.
    words = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return "".join(words)


@functools.lru_cache(maxsize=4096)  # bodies repeat headings ("Example", "See also")
def slugify(value):
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


_NUMBERED_RE = re.compile(r"^(.*)_([0-9]+)$")


def _unique(anchor, used, counters):
    """anchor, or anchor_1, anchor_2 ... for a repeated one. counters remembers the
    highest suffix taken for each base, so ten thousand equal headings are not a
    walk over every earlier suffix each."""
    if anchor in used or not anchor:
        numbered = _NUMBERED_RE.match(anchor)
        base, count = (numbered[1], int(numbered[2])) if numbered else (anchor, 0)
        known = counters.get(base, 0)
        contiguous = count <= known or anchor == f"{base}_{known + 1}"
        count = max(count, known) if contiguous else count
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        anchor = f"{base}_{count}"
        if contiguous:
            counters[base] = count
    used.add(anchor)
    return anchor


# --- No-link marks and images ---------------------------------------------------


# What a browser's URL parser drops before reading an address (the WHATWG URL
# standard): tabs and newlines anywhere, controls and spaces at either end.
_DROPPED_ANYWHERE = re.compile(r"[\t\n\r]")
_DROPPED_AT_ENDS = "".join(map(chr, range(0x21)))


def as_browsers_read(url):
    """The address as a browser on an http(s) page reads it: "/\\host", "\\\\host" or
    "/<tab>/host" is "//host", another site, though it starts like a path here."""
    return _DROPPED_ANYWHERE.sub("", url).strip(_DROPPED_AT_ENDS).replace("\\", "/")


def elsewhere(url):
    """An image address on another site. Pages load images from this site only
    (CSP img-src 'self', and the site must work offline): readers would see a
    broken image, and the other site would learn who reads what."""
    url = as_browsers_read(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower() or "https"  # "//host/x.png" takes the page's, https
    if not (url.startswith("//") or parts.scheme.lower() in ("http", "https")):
        return False  # a path on this site
    site = urlsplit(settings.SITE_URL)
    allowed = {f"{site.scheme}://{site.netloc}".lower(), *settings.IMAGE_SOURCES}
    return f"{scheme}://{parts.netloc.lower()}" not in allowed and f"{scheme}:" not in allowed


def _marks_and_images(state):
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        in_link = 0
        for child in token.children:
            if child.type == "span_open":
                classes = str(child.attrs.get("class", "")).split()
                child.attrs = {NO_LINK_ATTRIBUTE: ""} if "nolink" in classes else {}
            elif child.type == "link_open":
                in_link += 1
            elif child.type == "link_close":
                in_link -= 1
            elif child.type == "image":
                child.meta["in_link"] = in_link > 0


def _image(self, tokens, index, options, env):
    """An upload keeps its place while it loads (width and height from its name);
    an image on another site becomes a link to it, named by its alt text (inside a
    link already, the words alone: a link may not hold a link)."""
    token = tokens[index]
    source = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    if elsewhere(source):
        words = escape(f"Image: {alt}" if alt.strip() else "Image on another site")
        if token.meta.get("in_link"):
            return f"<span>{words}</span>"
        return f'<a href="{escape(source)}">{words}</a>'
    attributes = {"src": source, "alt": alt}
    if token.attrGet("title"):
        attributes["title"] = token.attrGet("title")
    attributes.update(loading="lazy", decoding="async")
    size = uploads.image_size(source)
    if size:
        attributes.update(width=str(size[0]), height=str(size[1]))
    # In name order, as pages have had them (and as tests read them).
    return "<img" + "".join(f' {name}="{escape(value)}"' for name, value in sorted(attributes.items())) + ">"


def _list_item_open(self, tokens, index, options, env):
    """A task list item's box as a character: the sanitiser lets no <input> through."""
    token = tokens[index]
    opened = self.renderToken(tokens, index, options, env)
    if token.meta and "checked" in token.meta:
        opened += "☑ " if token.meta["checked"] else "☐ "
    return opened


# --- Footnotes, marked up as pages have had them --------------------------------


def _footnote_name(token):
    label = token.meta.get("label")
    return escape(str(label if label is not None else token.meta["id"] + 1))


def _back_id(token):
    sub = token.meta.get("subId", 0) or 0
    return f"fnref{sub + 1 if sub else ''}:{_footnote_name(token)}"


def _footnote_ref(self, tokens, index, options, env):
    token = tokens[index]
    name = _footnote_name(token)
    return f'<sup id="{_back_id(token)}"><a href="#fn:{name}">{token.meta["id"] + 1}</a></sup>'


def _footnote_block_open(self, tokens, index, options, env):
    return '<div class="footnote">\n<hr>\n<ol>\n'


def _footnote_block_close(self, tokens, index, options, env):
    return "</ol>\n</div>\n"


def _footnote_open(self, tokens, index, options, env):
    return f'<li id="fn:{_footnote_name(tokens[index])}">\n'


def _footnote_close(self, tokens, index, options, env):
    return "</li>\n"


def _footnote_anchor(self, tokens, index, options, env):
    token = tokens[index]
    number = token.meta["id"] + 1
    title = escape(gettext("Jump back to footnote %(number)s in the text") % {"number": number})
    return f'&nbsp;<a href="#{_back_id(token)}" title="{title}">↩</a>'


_RENDER_RULES = {
    "image": _image,
    "list_item_open": _list_item_open,
    "footnote_ref": _footnote_ref,
    "footnote_block_open": _footnote_block_open,
    "footnote_block_close": _footnote_block_close,
    "footnote_open": _footnote_open,
    "footnote_close": _footnote_close,
    "footnote_anchor": _footnote_anchor,
}
