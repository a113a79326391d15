"""A term named by a common word, before it goes live or is renamed: how many published
pages it would link, and a few of their sentences, so the editor sees "good service
quality" before the site links it (issue 25). The impact check (impact.py) shows it
with two one-click ways out: "link only as written" and "don't link automatically".

A title is a common word when it is one word, not written in capitals, and the pages
that use it write it mostly in lowercase in the middle of a sentence: that is how
a common word looks, and the same text the linker would link. Measured on the site's
own pages, so it needs no word list and follows the site's language.
"""

import re
from dataclasses import dataclass, field

from glossary_site.content import registry
from glossary_site.markup import relinking
from glossary_site.markup.linker import MatchCase, Target, TermMatcher

PAGES_READ = 300  # pages with the word read at most: enough to judge, quick enough for a save
SAMPLES = 5
SENTENCE_CHARS = 240  # a sample sentence longer than this is cut
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
_TIP = re.compile(r'<span class="term-tip"[^>]*>.*?</span>', re.S)
_ENDS = (". ", "! ", "? ")
_MARK = "\u2063"  # around the word in the linked text, to find its sentence


@dataclass
class CommonWord:
    """What a common-word title would link: pages (of those read), and sample sentences."""

    word: str
    pages: int
    more: bool = False  # more pages use the word than were read
    sentences: list = field(default_factory=list)


def warning(item, title, match_case, link_automatically):
    """The CommonWord of `item` (a term, saved or not) titled `title` with these rules,
    or None when there is nothing to warn of."""
    word = title.partition("(")[0].strip()
    if not link_automatically or match_case in (MatchCase.ALWAYS, MatchCase.CAPITALISED):
        return None
    if len(_WORD.findall(word)) != 1 or any(ch.isupper() for ch in word[1:]):
        return None
    bodies = _published_bodies(item, word)
    if _capitalised_share(word, bodies) > 0.5:
        return None
    matcher = TermMatcher(
        [(title, Target(-1, "", "#", "", match_case=match_case)), *_longer_names(item, word)]
    )
    found = CommonWord(word, 0, more=len(bodies) >= PAGES_READ)
    for html in bodies:
        linked, ids = matcher.link(html)
        if ids:
            found.pages += 1
            if len(found.sentences) < SAMPLES:
                found.sentences.append(_sentence(linked))
    return found if found.pages else None


def _published_bodies(item, word):
    """The HTML, without tooltips, of published pages (not the item) whose text has the word."""
    own = (registry.of(item).name, item.pk)
    by_kind = {}
    for kind_name, pk in relinking.bodies_with_names([word]):
        if (kind_name, pk) != own:
            by_kind.setdefault(kind_name, []).append(pk)
    bodies = []
    for kind_name, ids in sorted(by_kind.items()):
        published = registry.get(kind_name).model.objects.published().filter(pk__in=ids[: PAGES_READ * 4])
        bodies += [_TIP.sub("", html) for html in published.values_list("body_html", flat=True)]
    return bodies[:PAGES_READ]


def _capitalised_share(word, bodies):
    """Of the word's uses in the middle of a sentence, the share written with a capital."""
    pattern = re.compile(rf"(?<=[^.!?\s])\s+({re.escape(word)}\w{{0,3}})\b", re.I)
    lower = capital = 0
    for html in bodies:
        for match in pattern.finditer(_TAG.sub(" ", html)):
            if match.group(1)[0].isupper():
                capital += 1
            else:
                lower += 1
    return capital / (lower + capital) if lower + capital else 1.0


def _longer_names(item, word):
    """Other terms' names with the word in them, as masks: "service" inside "Service
    Mesh" would not link the new term."""
    model = registry.link_target().model
    others = model.objects.exclude(pk=item.pk).filter(title__icontains=word).values_list("title", flat=True)
    mask = Target(-2, "", "", "", link_automatically=False)
    return [(title, mask) for title in others[:200]]


def _sentence(linked):
    """The sentence of the linked HTML with the new term's link, as plain text."""
    marked = re.sub(r'<a class="term-link" href="#"[^>]*>(.*?)</a>', rf"{_MARK}\1{_MARK}", linked, count=1)
    text = " ".join(_TAG.sub(" ", marked).split())
    at = text.find(_MARK)
    start = max(text.rfind(end, 0, at) for end in _ENDS)
    start = 0 if start < 0 else start + 2
    ends = [n for n in (text.find(end, at) for end in _ENDS) if n >= 0]
    sentence = text[start : min(ends) + 1 if ends else len(text)].replace(_MARK, "")
    return sentence if len(sentence) <= SENTENCE_CHARS else sentence[: SENTENCE_CHARS - 1] + "…"
