"""The SQLite backend: an FTS5 table over the search documents (kept in step by
triggers made in this app's migrations). It only finds documents; ranking.py
orders them and cuts their snippets, as for PostgreSQL."""

from django.db import connection
from django.utils import timezone

_FTS = "glossary_site_searchdocument_fts"
# Where every word must be, tier by tier (ranking.TIERS).
_COLUMNS = ("{title aliases}", "{title aliases summary}", "{title aliases summary body}")


def tier_ids(words, tier, limit):
    """Ids of up to `limit` published documents with every word in the
    tier's columns and not in an earlier tier's, most recently added first."""
    # Every word as a prefix would make each one expand to all its longer words;
    # only the last is one the reader may still be typing ("distributed back").
    match = " ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])
    expression = f"{_COLUMNS[tier]} : ({match})"
    if tier:
        earlier = " OR ".join(f"({columns} : ({match}))" for columns in _COLUMNS[:tier])
        expression = f"({expression}) NOT ({earlier})"
    # FTS5 hands its matches over newest first; the join stops at the limit, so a
    # word in nearly every document costs no more than a rare one.
    sql = f"""SELECT d.id FROM {_FTS} f JOIN glossary_site_searchdocument d ON d.id = f.rowid
              WHERE {_FTS} MATCH %s AND d.status = 'published' AND d.published_at <= %s
              ORDER BY f.rowid DESC LIMIT %s"""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, now, limit])
        return [row[0] for row in cursor.fetchall()]


def documents_mentioning(phrases, limit):
    match = " OR ".join('"' + " ".join(words) + '"' for words in phrases)
    sql = f"""SELECT d.kind, d.object_id FROM {_FTS} f
             JOIN glossary_site_searchdocument d ON d.id = f.rowid
             WHERE {_FTS} MATCH %s LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()
