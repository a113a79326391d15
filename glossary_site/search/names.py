"""The query as a name: the terms a reader most likely means come before ranked hits.

A term whose title or alias is the query (case and accents folded) comes first, then
terms whose title or alias starts with it, shortest first ("back" finds Backend
Developer before an article that says "back end" twice). The same queries on SQLite
and PostgreSQL, on the indexed sort key, so both databases give the same order.
Articles have no aliases and are never what a name means; they follow, ranked."""

from django.db.models import Q
from django.db.models.functions import Length

from glossary_site.content import registry
from glossary_site.content.text import fold, sort_key
from glossary_site.search.query import MAX_QUERY_CHARS


def named(query, limit):
    """(slug, title, summary) of up to `limit` published terms named by the query, best first."""
    raw = " ".join((query or "")[:MAX_QUERY_CHARS].split())
    if not fold(raw).strip():
        return []
    kind = registry.link_target()
    terms = kind.model.objects.published()
    key = sort_key(raw)
    exact, starts = Q(sort_key=key), Q(sort_key__gte=key, sort_key__lt=key + "\uffff")
    if kind.other_names:
        aliases = kind.model._meta.get_field(kind.other_names).related_model.objects
        link = kind.model._meta.get_field(kind.other_names).field.name
        exact |= Q(pk__in=aliases.filter(name__iexact=raw).values(link))
        starts |= Q(pk__in=aliases.filter(name__istartswith=raw).values(link))
    columns = ("pk", "slug", "title", "summary")
    first = list(terms.filter(exact).order_by("sort_key").values_list(*columns)[:limit])
    seen = {row[0] for row in first}
    then = terms.filter(starts).exclude(pk__in=seen).order_by(Length("title"), "sort_key")
    rows = first + list(then.values_list(*columns)[: limit - len(first)])
    return [row[1:] for row in rows]
