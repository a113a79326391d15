"""The query as a name: the terms a reader most likely means come before ranked hits.

A term whose title or alias is the query (case and accents folded) comes first;
then terms named by another form of the query (variants.py: "time stamp" or
"time-stamp" for Timestamp, "loadbalancer" for Load Balancer, "queue" for Queues,
"optimisation" for Optimization); then terms whose title or alias starts with the
query, shortest first ("back" finds Backend Developer before an article that says
"back end" twice). The same queries on SQLite and PostgreSQL, on the indexed sort
key (and the aliases' unique addresses), so both databases give the same order.
Articles have no aliases and are never what a name means; they follow, ranked."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.utils.text import slugify

from glossary_site.content import registry
from glossary_site.content.languages import source_language
from glossary_site.content.text import fold
from glossary_site.search.analysis import analysis, normalise
from glossary_site.search.query import MAX_QUERY_CHARS, in_language
from glossary_site.search.variants import name_keys


def named(query, limit, language=None):
    """(slug, title, summary) of up to `limit` published terms of the language
    (the source language if None) named by the query, best first."""
    raw = " ".join((query or "")[:MAX_QUERY_CHARS].split())
    if not fold(raw).strip():
        return []
    kind = registry.link_target()
    language = language or source_language()
    terms = in_language(kind.model.objects.published(), language)
    key, *other_keys = name_keys(raw)
    exact, variant = Q(sort_key=key), Q(sort_key__in=other_keys)
    starts = Q(sort_key__gte=key, sort_key__lt=key + "\uffff")
    if kind.other_names:
        aliases = kind.model._meta.get_field(kind.other_names).related_model.objects
        link = kind.model._meta.get_field(kind.other_names).field.name
        exact |= Q(pk__in=aliases.filter(name__iexact=raw).values(link))
        # An alias's address is its name slugified: one indexed lookup for every form.
        slugs = {slugify(name) for name in other_keys} - {""}
        variant |= Q(pk__in=aliases.filter(slug__in=slugs).values(link))
        starts |= Q(pk__in=aliases.filter(name__istartswith=raw).values(link))
    columns = ("pk", "slug", "title", "summary")
    own_name_first = Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    first = terms.filter(exact | variant).order_by(own_name_first, "sort_key")
    first = list(first.values_list(*columns)[:limit])
    seen = {row[0] for row in first}
    then = terms.filter(starts).exclude(pk__in=seen).order_by(Length("title"), "sort_key")
    rows = first + list(then.values_list(*columns)[: limit - len(first)])
    if analysis(language).kind == "cjk":
        rows = [row for row in rows if _titled(row[2], raw)]
    return [row[1:] for row in rows]


def _titled(title, query):
    """Whether a CJK title starts with the query: the sort key folds が into か,
    which a reader of Japanese takes for another word."""
    return normalise(title).startswith(normalise(query))
