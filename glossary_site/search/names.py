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
    sql, params = _lookup_sql(*_conditions(key, other_keys, raw))
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


def _lookup_sql(exact, variant, starts):
    """The query of (slug, title, summary) of the published terms of a language
    named by the conditions, best first, and its parameters but the last three
    (the time, the language, the limit). Exact names, then other forms, by sort
    key; then the names the query starts, shortest first. A query with no other
    form has no such condition: an always false one in the OR would keep SQLite
    from its indexes."""
    ways = [(exact, 0), (variant, 1)] if variant else [(exact, 0)]
    group = " ".join(f"WHEN {sql} THEN {rank}" for (sql, _), rank in ways)
    group_params = [param for (_, params), _ in ways for param in params]
    named_at_all = " OR ".join(sql for sql, _ in [*(way for way, _ in ways), starts])
    sql = f"""SELECT slug, title, summary FROM (
                SELECT slug, title, summary, sort_key, CASE {group} ELSE 2 END AS name_group
                FROM {registry.link_target().model._meta.db_table}
                WHERE ({named_at_all}) AND status = 'published' AND published_at <= %s AND language = %s
              ) AS named
              ORDER BY name_group, CASE WHEN name_group = 2 THEN LENGTH(title) ELSE 0 END, sort_key
              LIMIT %s"""
    return sql, [*group_params, *group_params, *starts[1]]


def _conditions(key, other_keys, raw):
    """(SQL, params) of the three ways a term may be named: exactly, by another
    form of the query (None if it has none), or by a name the query starts."""
    exact = ("sort_key = %s", [key])
    variant = (f"sort_key IN ({_placeholders(other_keys)})", other_keys) if other_keys else None
    starts = ("(sort_key >= %s AND sort_key < %s)", [key, key + "\uffff"])
    kind = registry.link_target()
    if not kind.other_names:
        return exact, variant, starts
    relation = kind.model._meta.get_field(kind.other_names)
    aliases, link = relation.related_model._meta.db_table, relation.field.column
    # An alias's address is its name slugified: one indexed lookup for every form.
    slugs = sorted({slugify(name) for name in other_keys} - {""})
    alias_exact = _lookup("name", "iexact", connection.ops.prep_for_iexact_query(raw))
    alias_starts = _lookup("name", "istartswith", connection.ops.prep_for_like_query(raw) + "%")
    alias_variant = (f"slug IN ({_placeholders(slugs)})", slugs) if slugs else None

    def either(own, alias):
        if not alias:
            return own
        sql = f"({own[0]} OR id IN (SELECT {link} FROM {aliases} WHERE {alias[0]}))"
        return sql, [*own[1], *alias[1]]

    return (
        either(exact, alias_exact),
        variant and either(variant, alias_variant),
        either(starts, alias_starts),
    )


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
