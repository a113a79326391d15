"""Helping a reader who has not found the words yet: suggestions as they type,
"did you mean" when nothing matched, and similar titles on the 404 page."""

import difflib

from django.apps import apps
from django.contrib.postgres.search import TrigramSimilarity
from django.urls import reverse

from glossary_site.content.text import fold
from glossary_site.search.query import MAX_QUERY_CHARS, postgres, query_words

SUGGEST_LIMIT = 8


def did_you_mean(query):
    """The published term title closest to a query that found nothing, or None."""
    text = (query or "")[:MAX_QUERY_CHARS].strip()
    if not query_words(text):
        return None
    terms = apps.get_model("terms", "Term").objects.published()
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
    Term = apps.get_model("terms", "Term")
    terms = Term.objects.published().only("title", "slug")
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
    """Term titles starting with what the reader has typed (titles, then aliases)."""
    prefix = fold((query or "")[:MAX_QUERY_CHARS]).strip()
    if not prefix:
        return []
    Term = apps.get_model("terms", "Term")
    # A range on the indexed sort key, not LIKE: both databases use the index for it.
    terms = Term.objects.published().filter(sort_key__gte=prefix, sort_key__lt=prefix + "\uffff")
    found = list(terms.order_by("sort_key").values("title", "slug", "summary")[:limit])
    if len(found) < limit:
        seen = {term["slug"] for term in found}
        aliases = (
            apps.get_model("terms", "TermAlias")
            .objects.filter(
                name__istartswith=query.strip()[:MAX_QUERY_CHARS], term__in=Term.objects.published()
            )
            .exclude(term__slug__in=seen)
            .values("term__title", "term__slug", "term__summary")[: limit - len(found)]
        )
        found += [
            {"title": a["term__title"], "slug": a["term__slug"], "summary": a["term__summary"]}
            for a in aliases
        ]
    return [
        {
            "title": t["title"],
            "url": reverse("terms:detail", kwargs={"slug": t["slug"]}),
            "summary": t["summary"],
        }
        for t in found
    ]
