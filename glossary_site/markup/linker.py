"""Automatic term links: the first mention of each glossary term in a body becomes a
link to it, with the term's summary as an accessible tooltip.

One matcher serves every body: a dict from folded word sequences (titles and
aliases) to terms, so a 5,000-word body is scanned once, word by word, whatever
the number of terms. Longer names win ("Backend Developer" over "Developer").
Text inside headings, links, code and pre is left alone.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from glossary_site.content.text import fold

_WORD = re.compile(r"\w+")
# What may stand between the words of a multi-word name: a space, hyphen, dot or slash.
_JOINER = re.compile(r"[\s\-./]{1,3}")
SKIP_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}


@dataclass(frozen=True)
class Target:
    term_id: int
    slug: str
    url: str
    summary: str


def _fold_word(word):
    # Most words are ASCII: lower() is the whole fold for them, and much cheaper.
    return word.lower() if word.isascii() else fold(word)


def _words(text):
    return tuple(_fold_word(word) for word in _WORD.findall(text))


def _singulars(word):
    """The word itself, then the singular forms a simple plural may hide."""
    yield word
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 3:
        yield word[:-2]
    if word.endswith("s") and len(word) > 2:
        yield word[:-1]


class TermMatcher:
    def __init__(self, names):
        """names: iterable of (name, Target); a title and its aliases share a Target."""
        self.table = {}
        for name, target in names:
            key = _words(name)
            if key:
                self.table.setdefault(key, target)
        self.longest = max((len(key) for key in self.table), default=0)
        self.prefixes = {key[:n] for key in self.table for n in range(1, len(key))}

    def link(self, html, exclude_term_id=None):
        """Return (html with links, ids of the terms linked, in order)."""
        if not self.table:
            return html, []
        rewriter = _Rewriter(self, exclude_term_id)
        rewriter.feed(html)
        rewriter.close()
        return "".join(rewriter.out), rewriter.linked

    def find(self, text, words, start):
        """The longest name starting at words[start]: (number of words, Target) or None.

        words are (start, end, folded word) for each word of text. The name grows a
        word at a time while it is still the beginning of some known name."""
        best, prefix = None, ()
        for k in range(start, min(start + self.longest, len(words))):
            if k > start and not _JOINER.fullmatch(text, words[k - 1][1], words[k][0]):
                break
            word = words[k][2]
            for form in _singulars(word):
                target = self.table.get((*prefix, form))
                if target:
                    best = (k - start + 1, target)
                    break
            prefix = (*prefix, word)
            if prefix not in self.prefixes:
                break
        return best


class _Rewriter(HTMLParser):
    def __init__(self, matcher, exclude_term_id):
        super().__init__(convert_charrefs=True)
        self.matcher = matcher
        self.exclude = exclude_term_id
        self.out = []
        self.linked = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIP_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.skip_depth:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self._link_text(data))

    def _link_text(self, text):
        words = [(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text)]
        pieces, position, index = [], 0, 0
        while index < len(words):
            found = self.matcher.find(text, words, index)
            if not found:
                index += 1
                continue
            length, target = found
            if target.term_id == self.exclude or target.term_id in self.linked:
                index += length
                continue
            start, end = words[index][0], words[index + length - 1][1]
            pieces += [escape(text[position:start], quote=False), _anchor(text[start:end], target)]
            self.linked.append(target.term_id)
            position, index = end, index + length
        pieces.append(escape(text[position:], quote=False))
        return "".join(pieces)


def _anchor(label, target):
    if not target.summary:
        return f'<a class="term-link" href="{escape(target.url)}">{escape(label, quote=False)}</a>'
    tip_id = f"term-tip-{target.slug}"
    summary = escape(target.summary)
    return (
        f'<a class="term-link" href="{escape(target.url)}" title="{summary}" aria-describedby="{tip_id}">'
        f"{escape(label, quote=False)}</a>"
        f'<span class="term-tip" role="tooltip" id="{tip_id}" hidden>{summary}</span>'
    )
