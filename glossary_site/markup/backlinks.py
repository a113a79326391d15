"""Where a term is linked automatically, for its page in the admin: how many pages
link it, and for each the sentence around its first link, so an editor can judge
whether the linker's choices are the ones they would have made."""

import re
from dataclasses import dataclass
from html import escape

from django.db.models import Q

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.markup.markdown import plain_text

SHOWN = 100  # pages listed; the count covers them all
_TOOLTIP = re.compile(r'<span class="term-tip"[^>]*>.*?</span>', re.S)
_BEFORE, _AFTER = "\x02", "\x03"
_SENTENCE_END = re.compile(r"[.!?·](?=\s)")
AROUND = 160  # characters at most on either side of the link's words


@dataclass(frozen=True)
class Backlink:
    item: object  # the term or article whose body links
    before: str
    words: str  # the linked words as written
    after: str


def linking(term):
    """(count, [Backlink]) of the bodies that link the term automatically."""
    url = slug_url(registry.link_target().url_name, term.slug, term.language)
    count, found = 0, []
    for kind in registry.kinds():
        if not kind.mentions:
            continue
        items = kind.model.objects.filter(**{kind.mentions: term}).order_by("title")
        count += items.count()
        for item in items.only("pk", "title", "slug", "body_html")[: SHOWN - len(found)]:
            found.append(Backlink(item, *sentence_around(item.body_html, url)))
    return count, found


def sentence_around(body_html, url):
    """(before, linked words, after): the sentence of the first automatic link to url."""
    link = re.search(rf'<a class="term-link" href="{re.escape(escape(url))}"[^>]*>(.*?)</a>', body_html, re.S)
    if not link:
        return "", "", ""
    marked = f"{body_html[: link.start()]}{_BEFORE}{link[1]}{_AFTER}{body_html[link.end() :]}"
    text = plain_text(_TOOLTIP.sub("", marked))
    start, end = text.find(_BEFORE), text.find(_AFTER)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - AROUND), start)]
    begin = ends_before[-1] if ends_before else max(0, start - AROUND)
    after = _SENTENCE_END.search(text, end)
    finish = min(after.end() if after else len(text), end + AROUND)
    return text[begin:start].lstrip(), text[start + 1 : end], text[end + 1 : finish].rstrip()


def linked_by_hand(urls, exclude=None):
    """Items of every kind whose Markdown links one of `urls` itself ("/glossary/api/"):
    the pages a rename would send through a 301, or a delete to a 410. `exclude`: an
    item left out (the term itself)."""
    found = []
    for kind in registry.kinds():
        query = None
        for url in urls:
            # Inline links, with or without the last slash or an #anchor, and reference links.
            condition = (
                Q(body__contains=f"]({url}")
                | Q(body__contains=f"]({url.rstrip('/')})")
                | Q(body__contains=f"]: {url}")
            )
            query = condition if query is None else query | condition
        if query is None:
            continue
        items = kind.model.objects.filter(query).order_by("title").only("pk", "title", "slug", "status")
        if exclude is not None and kind.model is type(exclude):
            items = items.exclude(pk=exclude.pk)
        found += list(items[:SHOWN])
    return found
