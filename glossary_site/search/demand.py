"""Reader demand, without tracking readers: searches that found nothing, and "did
you mean" suggestions readers followed, counted per folded query and day.

Nothing about the reader is stored (ReaderDemand has no field for it); requests
from bots, HEAD requests and queries over MAX_CHARS are not counted at all, and
counts older than KEEP_DAYS are deleted. The admin index shows the sums, with
"Add term" only where a new term is what the readers lack (offers())."""

import re
from datetime import timedelta
from functools import cache

from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from glossary_site.content import registry
from glossary_site.content.text import fold
from glossary_site.search.models import ReaderDemand
from glossary_site.search.results import search
from glossary_site.search.suggestions import did_you_mean

MAX_CHARS = 100
KEEP_DAYS = 90
SHOWN = 20
# Crawlers, monitors and scripts: what they "look for" says nothing about readers.
_BOT = re.compile(
    r"bot|crawl|spider|slurp|fetch|monitor|curl|wget|python|java/|go-http|headless|lighthouse", re.I
)

_last_purge = None


def normalised(text):
    """One key for "Rate  Limiting", "rate limiting" and "Räte limiting"."""
    return " ".join(fold(text).split())


def countable(request, raw):
    return (
        request.method == "GET"
        and 0 < len(raw.strip()) <= MAX_CHARS
        and not _BOT.search(request.headers.get("User-Agent", "") or "bot")  # no agent: a script
    )


def count(request, raw, kind):
    """Count one search of `raw` (as the reader typed it) that found nothing, or whose
    "did you mean" they followed. Never raises: counting must not break a search."""
    if not countable(request, raw):
        return
    day = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(_count_sql(), [normalised(raw), connection.ops.adapt_datefield_value(day), kind])
    _purge_daily(day)


@cache
def _count_sql():
    """One statement, on SQLite and PostgreSQL alike, whether the day's counter exists
    or not, and safe against another request creating it at the same moment: a
    search that found nothing has few queries to spare (README, search's budget)."""
    table = connection.ops.quote_name(ReaderDemand._meta.db_table)
    count = connection.ops.quote_name("count")
    return (
        f'INSERT INTO {table} ("query", "day", "kind", {count}) VALUES (%s, %s, %s, 1) '
        f'ON CONFLICT ("query", "day", "kind") DO UPDATE SET {count} = {table}.{count} + 1'
    )


def count_followed(request, typed, followed, language=None):
    """Count a followed "did you mean" for `typed` (the link's `from=`) when `followed`
    is the suggestion the search page offers for it in the language searched: a
    query that finds nothing, whose suggestion it is. Anything else in `from=` is
    no reader's demand."""
    if not countable(request, typed) or not followed.strip():
        return
    offered = did_you_mean(typed, language) or ""
    if search(typed, limit=1, language=language) or normalised(offered) != normalised(followed):
        return
    count(request, typed, ReaderDemand.Kind.FOLLOWED)


def _purge_daily(today):
    global _last_purge
    if _last_purge != today:
        _last_purge = today
        expire()


def expire(today=None):
    """Delete counts older than KEEP_DAYS."""
    today = today or timezone.localdate()
    ReaderDemand.objects.filter(day__lt=today - timedelta(days=KEEP_DAYS)).delete()


def top(limit=SHOWN):
    """[{query, nothing, followed, addable, suggestion, existing}] of the last
    KEEP_DAYS days, most wanted first (what the last three say: offers())."""
    since = timezone.localdate() - timedelta(days=KEEP_DAYS)
    rows = (
        ReaderDemand.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            nothing=Sum("count", filter=Q(kind=ReaderDemand.Kind.NOTHING), default=0),
            followed=Sum("count", filter=Q(kind=ReaderDemand.Kind.FOLLOWED), default=0),
        )
        .order_by("-nothing", "-followed", "query")
    )
    return offers(list(rows[:limit]))


def offers(rows):
    """Say, for each row, whether a new term is what its readers lack: "addable" only
    when the search found nothing, offered no "did you mean" (now or when a reader
    followed one) and no term of that name exists, whatever its state. Otherwise
    "suggestion" holds the "did you mean" offered and "existing" the term of that
    name ({title, state}), so the desk can say why there is no "Add term"."""
    existing = _terms_named(row["query"] for row in rows)
    for row in rows:
        row["existing"] = existing.get(row["query"])
        row["suggestion"] = None
        if row["nothing"] and row["existing"] is None:
            row["suggestion"] = did_you_mean(row["query"])
        row["addable"] = bool(
            row["nothing"] and not row["followed"] and row["suggestion"] is None and row["existing"] is None
        )
    return rows


def _terms_named(queries):
    """{query: {title, state}} for the terms, in any state, named as the query: by
    title, address, or one of their other names or its address."""
    queries = set(queries)
    kind = next((kind for kind in registry.kinds() if kind.link_target), None)
    if kind is None or not queries:
        return {}
    others = kind.other_names  # the reverse relation of the term's other names, if any
    slugs = {slugify(query) for query in queries} - {""}
    named = Q(slug__in=slugs)
    for query in queries:
        named |= Q(title__iexact=query)
    if others:
        named |= Q(**{f"{others}__slug__in": slugs})
        for query in queries:
            named |= Q(**{f"{others}__name__iexact": query})
    found = {}
    for item in kind.model.objects.filter(named).distinct().prefetch_related(*filter(None, [others])):
        names = [(item.title, item.slug)]
        if others:
            names += [(other.name, other.slug) for other in getattr(item, others).all()]
        for query in sorted(queries):
            if any(normalised(name) == query or slug == slugify(query) for name, slug in names):
                found.setdefault(query, {"title": item.title, "state": _state(item)})
    return found


def _state(item):
    if item.is_published:
        return "public"
    return "scheduled" if item.status == item.Status.PUBLISHED else "draft"
