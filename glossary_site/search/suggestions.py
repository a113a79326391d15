"""Helping a reader who has not found the words yet: suggestions as they type,
"did you mean" when nothing matched, and similar titles on the 404 page."""

import difflib

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models.functions import Length

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.content.text import fold
from glossary_site.search.models import SearchWord
from glossary_site.search.query import MAX_QUERY_CHARS, postgres, query_words
from glossary_site.search.results import search

SUGGEST_LIMIT = 8


def did_you_mean(query):
    """What the reader probably meant by a query that found nothing, or None: the
    closest published term title, else the query with each unknown word replaced by
    the closest word of published titles, aliases, summaries and bodies."""
    text = (query or "")[:MAX_QUERY_CHARS].strip()
    if not query_words(text):
        return None
    return _closest_title(text) or _respelled(text)


def _respelled(text):
    """The query's words respelled from the published words, if that finds something."""
    words = query_words(text)
    known = SearchWord.objects
    respelled = []
    for word in words:
        if len(word) <= 3 or known.filter(word=word).exists():
            respelled.append(word)
            continue
        # Words with the same first letter and nearly the same length: a typo's neighbours.
        near = known.filter(word__startswith=word[0]).annotate(size=Length("word"))
        near = near.filter(size__gte=len(word) - 2, size__lte=len(word) + 2)
        close = difflib.get_close_matches(word, near.values_list("word", flat=True)[:20000], n=1, cutoff=0.75)
        respelled.append(close[0] if close else word)
    suggestion = " ".join(respelled)
    return suggestion if respelled != words and search(suggestion, limit=1) else None


def _closest_title(text):
    terms = _terms()
    if postgres():
        close = terms.filter(title__trigram_similar=text).annotate(
            similarity=TrigramSimilarity("title", text)
        )
        return close.order_by("-similarity").values_list("title", flat=True).first()
    # Elsewhere: edit similarity against the titles filed under the same letter.
    letter = fold(text)[:1].upper()
    titles = list(terms.filter(index_letter=letter).values_list("title", flat=True)[:5000])
    by_fold = {fold(title): title for title in titles}
    close = difflib.get_close_matches(fold(text), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def similar_terms(text, limit=5):
    """Published terms whose titles look like `text` (for the 404 page)."""
    terms = _terms().only("title", "slug")
    text = text[:MAX_QUERY_CHARS]
    if postgres():
        similar = terms.filter(title__trigram_similar=text).annotate(
            similarity=TrigramSimilarity("title", text)
        )
        return list(similar.order_by("-similarity")[:limit])
    letter = fold(text)[:1].upper()
    candidates = {fold(term.title): term for term in terms.filter(index_letter=letter)[:5000]}
    close = difflib.get_close_matches(fold(text), list(candidates), n=limit, cutoff=0.5)
    return [candidates[title] for title in close]


def suggest(query, limit=SUGGEST_LIMIT):
    """Term titles starting with what the reader has typed (titles, then other names)."""
    prefix = fold((query or "")[:MAX_QUERY_CHARS]).strip()
    if not prefix:
        return []
    kind = registry.link_target()
    # A range on the indexed sort key, not LIKE: both databases use the index for it.
    terms = _terms().filter(sort_key__gte=prefix, sort_key__lt=prefix + "\uffff")
    found = list(terms.order_by("sort_key").values("title", "slug", "summary")[:limit])
    if len(found) < limit and kind.other_names:
        seen = {term["slug"] for term in found}
        name = f"{kind.other_names}__name"
        others = (
            _terms()
            .filter(**{f"{name}__istartswith": query.strip()[:MAX_QUERY_CHARS]})
            .exclude(slug__in=seen)
            .order_by(name)
        )
        found += others.values("title", "slug", "summary")[: limit - len(found)]
    return [
        {"title": t["title"], "url": slug_url(kind.url_name, t["slug"]), "summary": t["summary"]}
        for t in found
    ]


def _terms():
    """The published items whose names bodies link: the glossary's terms."""
    return registry.link_target().model.objects.published()
