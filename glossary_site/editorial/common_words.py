"""A term named by a common word, before it goes live or is renamed: how many published
pages it would link, and a few of their sentences, so the editor sees "good service
quality" before the site links it (issue 25). The impact check (impact.py) shows it
with two one-click ways out: "link only as written" and "don't link automatically".

A title is a common word when it is one (markup/everyday_words.py: one everyday
English word with a technical sense too) and the published pages that use it write
it mostly in lowercase in the middle of a sentence, as a common word is written. A technical noun no one uses otherwise (Replication) or a product name the
pages write capitalised (Beacon) is not asked about.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings

from glossary_site.content import registry
from glossary_site.markup import everyday_words, relinking
from glossary_site.markup.linker import MatchCase, Target, TermMatcher, phrases

PAGES_READ = 300  # pages with the word read at most: enough to judge, quick enough for a save
SAMPLES = 5
SENTENCE_CHARS = 240  # a sample sentence longer than this is cut
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|h\d|td|th|dd|dt|div|blockquote|pre)>|<br\s*/?>")
_TIP = re.compile(r'<span class="term-tip"[^>]*>.*?</span>', re.S)
_ANCHOR = re.compile(r'<a class="heading-anchor"[^>]*>#</a>')
# Where a heading, list item or cell ends, so does a sample sentence: a private-use
# character, not whitespace, so it survives the text's whitespace being joined.
_BLOCK = "\ue000"
_ENDS = (". ", "! ", "? ", _BLOCK + " ")
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
    word = everyday_words.common_word(title)
    if not link_automatically or match_case in (MatchCase.ALWAYS, MatchCase.CAPITALISED) or not word:
        return None
    bodies = _published_bodies(item, word)
    share = everyday_words.capitalised_share(word, [_text(html) for html, _ in bodies])
    if share is None or share > 0.5:
        return None
    names = [(title, Target(-1, "", "#", "", match_case=match_case)), *_longer_names(item, word)]
    matcher = TermMatcher(names, never_in=phrases(settings.TERM_LINKS_NEVER_IN))
    found = CommonWord(word, 0, more=len(bodies) >= PAGES_READ)
    for html, own_names in bodies:
        linked, ids = matcher.link(html, own_names=own_names)
        if ids:
            found.pages += 1
            if len(found.sentences) < SAMPLES:
                found.sentences.append(_sentence(linked))
    return found if found.pages else None


def _published_bodies(item, word):
    """(HTML without tooltips, the page's own names) of published pages (not the item)
    whose text has the word: a term's page never links its own title's words."""
    own = (registry.of(item).name, item.pk)
    by_kind = {}
    for kind_name, pk in relinking.bodies_with_names([word]):
        if (kind_name, pk) != own:
            by_kind.setdefault(kind_name, []).append(pk)
    bodies = []
    for kind_name, ids in sorted(by_kind.items()):
        published = registry.get(kind_name).model.objects.published().filter(pk__in=ids[: PAGES_READ * 4])
        title = ["title"] if registry.get(kind_name).link_target else []  # a term's own name
        for html, *own in published.values_list("body_html", *title):
            bodies.append((_TIP.sub("", html), own))
    return bodies[:PAGES_READ]


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
    text = " ".join(_text(marked).split())
    at = text.find(_MARK)
    start = max(text.rfind(end, 0, at) for end in _ENDS)
    start = 0 if start < 0 else start + 2
    ends = [n for n in (text.find(end, at) for end in _ENDS) if n >= 0]
    sentence = (
        text[start : min(ends) + 1 if ends else len(text)].replace(_MARK, "").replace(_BLOCK, "").strip()
    )
    return sentence if len(sentence) <= SENTENCE_CHARS else sentence[: SENTENCE_CHARS - 1] + "…"


def _text(html):
    return _TAG.sub("", _BLOCK_END.sub(f" {_BLOCK} ", _ANCHOR.sub("", html)))
