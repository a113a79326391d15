"""The SQLite backend: FTS5 tables over the search documents (kept in step by
triggers made in this app's migrations). It only finds documents; ranking.py
orders them and cuts their snippets, as for PostgreSQL."""

from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

_FTS = "glossary_site_searchdocument_fts"
_DOCUMENTS = "glossary_site_searchdocument"
_FIELDS = "title, aliases, summary, body"
# The words of languages other than English, as analysis.py made them (migration 0019).
_ANALYSED_FTS = "glossary_site_searchdocument_analysed"
_ANALYSED_FIELDS = "analysed_names, analysed_summary, analysed_body"
# Titles, aliases and summaries alone (migration 0021): the first two tiers' words
# are looked for here, where a word only bodies have has no documents to read.
_HEADS_FTS = "glossary_site_searchdocument_heads"
_HEADS_FIELDS = "title, aliases, summary"
_INDEXES = ((_FTS, _FIELDS), (_ANALYSED_FTS, _ANALYSED_FIELDS), (_HEADS_FTS, _HEADS_FIELDS))
# FTS5 keeps new words in memory up to this many bytes before writing them out as
# a segment (its default is far smaller): fewer, larger segments leave less to merge
# when an import indexes its documents in one statement (bench/README.md has the
# figures behind the choice).
_BULK_HASHSIZE = 16 * 1024 * 1024
# Where every word must be, tier by tier (ranking.TIERS).
_COLUMNS = ("{title aliases}", "{title aliases summary}", "{title aliases summary body}")
_ANALYSED_COLUMNS = (
    "{analysed_names}",
    "{analysed_names analysed_summary}",
    "{analysed_names analysed_summary analysed_body}",
)


def tier_ids(words, tier, limit, language):
    """Ids of up to `limit` published documents of the language with every word
    (one of each tuple of spellings) in the tier's columns and not in an earlier
    tier's, most recently added first."""
    match = _match(words)
    if tier < len(_COLUMNS) - 1:
        return _tier_ids(_HEADS_FTS, _COLUMNS, match, tier, limit, language)
    # Anywhere, but not in a title, alias or summary (the earlier tiers).
    sql = f"""{_found(_FTS)} AND f.rowid NOT IN (SELECT rowid FROM {_HEADS_FTS} WHERE {_HEADS_FTS} MATCH %s)
              ORDER BY f.rowid DESC LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *_public(language), f"{_COLUMNS[-2]} : ({match})", limit])
        return [row[0] for row in cursor.fetchall()]


def analysed_tier_ids(terms, tier, limit, language):
    """tier_ids() for a language analysed in Python: every analysis.Term, each a
    phrase of its tokens."""
    return _tier_ids(_ANALYSED_FTS, _ANALYSED_COLUMNS, _analysed_match(terms), tier, limit, language)


def count(words, at_most, language):
    """How many published documents of the language have every word (one of each
    tuple of spellings) anywhere, counted up to `at_most`: every tier at once."""
    return _count(*count_sql(words, at_most, language))


def analysed_count(terms, at_most, language):
    """count() for a language analysed in Python."""
    return _count(*analysed_count_sql(terms, at_most, language))


def count_sql(words, at_most, language):
    """The query count() runs and its parameters, to be asked with another."""
    return _count_sql(_FTS, _match(words), at_most, language)


def analysed_count_sql(terms, at_most, language):
    return _count_sql(_ANALYSED_FTS, _analysed_match(terms), at_most, language)


def _match(words):
    # Every word as a prefix would make each one expand to all its longer words;
    # only the last is one the reader may still be typing ("distributed back").
    return " AND ".join([*(_any(forms) for forms in words[:-1]), _any(words[-1], "*")])


def _analysed_match(terms):
    return " AND ".join(_phrase(term) for term in terms)


def _tier_ids(table, columns, match, tier, limit, language):
    expression = f"{columns[tier]} : ({match})"
    if tier:
        earlier = " OR ".join(f"({before} : ({match}))" for before in columns[:tier])
        expression = f"({expression}) NOT ({earlier})"
    # FTS5 hands its matches over newest first; the join stops at the limit, so a
    # word in nearly every document costs no more than a rare one.
    sql = f"{_found(table)} ORDER BY f.rowid DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *_public(language), limit])
        return [row[0] for row in cursor.fetchall()]


def _count(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _count_sql(table, match, at_most, language):
    return f"SELECT count(*) FROM ({_found(table)} LIMIT %s) AS found", [match, *_public(language), at_most]


def _found(table):
    """The ids of the published documents of a language the full-text index finds:
    their status, time and language read from an index (models.SearchDocument's
    searchdoc_found_idx), not from the row, where they follow the body."""
    return f"""SELECT d.id FROM {table} f
               JOIN {_DOCUMENTS} d INDEXED BY searchdoc_found_idx ON d.id = f.rowid
               WHERE {table} MATCH %s AND d.status = 'published' AND d.published_at <= %s
               AND d.language = %s"""


def _public(language):
    return [connection.ops.adapt_datetimefield_value(timezone.now()), language]


def _any(forms, suffix=""):
    return "(" + " OR ".join(f'"{form}"{suffix}' for form in forms) + ")"


def _phrase(term):
    return '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "")


def documents_mentioning(phrases, limit):
    match = " OR ".join('"' + " ".join(words) + '"' for words in phrases)
    sql = f"""SELECT d.kind, d.object_id FROM {_FTS} f
             JOIN glossary_site_searchdocument d ON d.id = f.rowid
             WHERE {_FTS} MATCH %s LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()


def analysed_documents_mentioning(names, limit, language):
    """documents_mentioning() in a language analysed in Python: `names`, each a
    list of analysis.Term."""
    match = " OR ".join("(" + " AND ".join(_phrase(term) for term in terms) + ")" for terms in names)
    sql = f"""SELECT d.kind, d.object_id FROM {_ANALYSED_FTS} f
             JOIN glossary_site_searchdocument d ON d.id = f.rowid
             WHERE {_ANALYSED_FTS} MATCH %s AND d.language = %s LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, language, limit])
        return cursor.fetchall()


@contextmanager
def indexed_at_end():
    """Documents created inside this block (an import) are added to the FTS5 index
    at its end, in one statement, instead of by the insert trigger.

    The trigger indexes each INSERT statement's rows at once, and FTS5 writes them
    out as a new segment at the end of the statement, to be merged into ever larger
    ones: at 100,000 imported terms that took 151 s of the import and grew with
    every chunk (1.2 to 8.9 s a 10,000 documents by 60,000). One statement at the
    end takes 5 s for 60,000. Meanwhile the update and delete triggers act only on
    documents that were there before; the newer ones are indexed as they end up.
    The triggers are changed and set back inside the caller's transaction (SQLite's
    schema is transactional), so a crash or a rollback leaves them as they were.
    Documents created here are not found by search until the block ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("indexed_at_end() changes triggers: use it inside a transaction.")
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        triggers = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [_DOCUMENTS]
        ).fetchall()
        before = cursor.execute(f"SELECT coalesce(max(id), 0) FROM {_DOCUMENTS}").fetchone()[0]
        meanwhile = {
            name: sql
            for table, fields in _INDEXES
            for name, sql in _triggers_up_to(before, table, fields).items()
        }
        for name, _ in triggers:
            cursor.execute(f"DROP TRIGGER {name}")
        for sql in meanwhile.values():
            cursor.execute(sql)
    finished = False
    try:
        yield
        finished = True
    finally:
        with connection.cursor() as cursor:
            if finished:
                _index_documents_after(cursor, before)
            for name in meanwhile:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for _, sql in triggers:
                cursor.execute(sql)


def _triggers_up_to(last_id, table, fields):
    old = ", ".join(f"old.{field}" for field in fields.split(", "))
    new = ", ".join(f"new.{field}" for field in fields.split(", "))
    delete_old = f"INSERT INTO {table}({table}, rowid, {fields}) VALUES ('delete', old.id, {old});"
    insert_new = f"INSERT INTO {table}(rowid, {fields}) VALUES (new.id, {new});"
    return {
        f"bulk_{table}_ad": f"CREATE TRIGGER bulk_{table}_ad AFTER DELETE ON {_DOCUMENTS} "
        f"WHEN old.id <= {int(last_id)} BEGIN {delete_old} END",
        f"bulk_{table}_au": f"CREATE TRIGGER bulk_{table}_au AFTER UPDATE ON {_DOCUMENTS} "
        f"WHEN old.id <= {int(last_id)} BEGIN {delete_old} {insert_new} END",
    }


def _index_documents_after(cursor, last_id):
    for table, fields in _INDEXES:
        config = f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', %s)"
        row = cursor.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
        cursor.execute(config, [_BULK_HASHSIZE])
        cursor.execute(
            f"INSERT INTO {table}(rowid, {fields}) SELECT id, {fields} FROM {_DOCUMENTS} WHERE id > %s",
            [last_id],
        )
        cursor.execute(config, [row[0] if row else 1024 * 1024])  # FTS5's default
