"""The query as a name: the terms a reader most likely means come before ranked hits.

A term whose title or alias is the query (case and accents folded) comes first;
then terms named by another form of the query (variants.py: "time stamp" or
"time-stamp" for Timestamp, "loadbalancer" for Load Balancer, "queue" for Queues,
"optimisation" for Optimization); then terms whose title or alias starts with the
query, shortest first ("back" finds Backend Developer before an article that says
"back end" twice). The same query on SQLite and PostgreSQL, on the indexed sort
key (and the aliases' unique addresses), so both databases give the same order.
Articles have no aliases and are never what a name means; they follow, ranked.

One query in plain SQL, its case-insensitive comparisons written as Django's
lookups write them on each database (iexact, istartswith): building the same
query through the ORM cost more than a search's every other step together."""

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from glossary_site.content import registry
from glossary_site.content.languages import source_language
from glossary_site.content.text import fold
from glossary_site.search.analysis import analysis, normalise
from glossary_site.search.query import MAX_QUERY_CHARS
from glossary_site.search.variants import name_keys


def named(query, limit, language=None):
    """(slug, title, summary) of up to `limit` published terms of the language
    (the source language if None) named by the query, best first."""
    return named_and_counted(query, limit, language)[0]


def named_and_counted(query, limit, language=None, count=None):
    """(named(), and the number `count` counts): `count`, the (SQL, parameters) of
    a query of one number, is asked in the same query as the names (None: 0)."""
    raw = " ".join((query or "")[:MAX_QUERY_CHARS].split())
    if not fold(raw).strip():
        return [], 0
    language = language or source_language()
    key, *other_keys = name_keys(raw)
    sql, params = _lookup_sql(_ways(key, other_keys, raw, language))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [*params, now, language, limit]
    if count is not None:
        # One more row, told apart by its missing slug. Both databases hand the rows
        # of UNION ALL over part by part, the names in their own order.
        sql = f"SELECT * FROM ({sql}) AS named UNION ALL SELECT NULL, NULL, CAST(({count[0]}) AS TEXT)"
        params += count[1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counted = next((int(row[2]) for row in rows if row[0] is None), 0)
    rows = [row for row in rows if row[0] is not None]
    if analysis(language).kind == "cjk":
        rows = [row for row in rows if _titled(row[1], raw)]
    return rows, counted


def _lookup_sql(ways):
    """The query of (slug, title, summary) of the published terms of a language
    named in any of the ways, best first, and its parameters but the last three
    (the time, the language, the limit). Exact names, then other forms, by sort
    key; then the names the query starts, shortest first.

    The terms named are gathered first, each way a search of an index (the terms'
    language, status and sort key; the aliases' address), with the group of the
    way that named them. As one WHERE of OR-ed conditions, SQLite read every
    published term to test them, which cost more as the glossary grew."""
    named = " UNION ALL ".join(
        f"SELECT {link}, {group} AS name_group FROM {sql}" for link, sql, _, group in ways
    )
    sql = f"""SELECT t.slug, t.title, t.summary FROM {registry.link_target().model._meta.db_table} t
              JOIN (SELECT id, MIN(name_group) AS name_group FROM ({named}) AS ways GROUP BY id) AS named
              ON t.id = named.id
              WHERE t.status = 'published' AND t.published_at <= %s AND t.language = %s
              ORDER BY named.name_group, CASE WHEN named.name_group = 2 THEN LENGTH(t.title) ELSE 0 END,
                       t.sort_key
              LIMIT %s"""
    return sql, [param for _, _, params, _ in ways for param in params]


def _ways(key, other_keys, raw, language):
    """(id column, FROM and WHERE, params, group) of each way a term may be named:
    exactly (group 0), by another form of the query (1), or by a name the query
    starts (2); by its own sort key or by an alias."""
    table = registry.link_target().model._meta.db_table
    public = f"{table} WHERE language = %s AND status = 'published' AND"
    ways = [("id AS id", f"{public} sort_key = %s", [language, key], 0)]
    if other_keys:
        ways.append(
            ("id AS id", f"{public} sort_key IN ({_placeholders(other_keys)})", [language, *other_keys], 1)
        )
    ways.append(
        ("id AS id", f"{public} sort_key >= %s AND sort_key < %s", [language, key, key + "\uffff"], 2)
    )
    kind = registry.link_target()
    if not kind.other_names:
        return ways
    relation = kind.model._meta.get_field(kind.other_names)
    aliases, link = relation.related_model._meta.db_table, f"{relation.field.column} AS id"
    exact_sql, exact_params = _lookup("name", "iexact", connection.ops.prep_for_iexact_query(raw))
    starts_sql, starts_params = _lookup("name", "istartswith", connection.ops.prep_for_like_query(raw) + "%")
    ways.append((link, f"{aliases} WHERE {exact_sql}", exact_params, 0))
    # An alias's address is its name slugified: one indexed lookup for every form.
    slugs = sorted({slugify(name) for name in other_keys} - {""})
    if slugs:
        ways.append((link, f"{aliases} WHERE slug IN ({_placeholders(slugs)})", slugs, 1))
    ways.append((link, f"{aliases} WHERE {starts_sql}", starts_params, 2))
    return ways


def _lookup(column, lookup, value):
    """A column compared as Django's `lookup` compares it on this database."""
    column = connection.ops.lookup_cast(lookup, "CharField") % column
    return f"{column} {connection.operators[lookup] % '%s'}", [value]


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _titled(title, query):
    """Whether a CJK title starts with the query: the sort key folds が into か,
    which a reader of Japanese takes for another word."""
    return normalise(title).startswith(normalise(query))
