"""SQLite: a third FTS5 table over the search documents' titles, aliases and
summaries only, as the first (0002) indexes them, for search's first two tiers
(search/sqlite.py). Asked whether a word is in a title, the full index reads
every document the word is in, bodies included, and then looks at the columns;
this one reads only the documents with the word in those fields. Kept in step by
triggers, as the others are (a migration that makes Django copy the table must
make them again, as 0019 does for 0002's)."""

from django.db import migrations

_FTS = "glossary_site_searchdocument_heads"
_FIELDS = "title, aliases, summary"
_OLD = "old.title, old.aliases, old.summary"
_NEW = "new.title, new.aliases, new.summary"
SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE {_FTS} USING fts5(
        {_FIELDS}, content='glossary_site_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER searchdoc_heads_ai AFTER INSERT ON glossary_site_searchdocument BEGIN
        INSERT INTO {_FTS}(rowid, {_FIELDS}) VALUES (new.id, {_NEW}); END""",
    f"""CREATE TRIGGER searchdoc_heads_ad AFTER DELETE ON glossary_site_searchdocument BEGIN
        INSERT INTO {_FTS}({_FTS}, rowid, {_FIELDS}) VALUES ('delete', old.id, {_OLD}); END""",
    # Only when these fields are written: a body's edit leaves this index alone.
    f"""CREATE TRIGGER searchdoc_heads_au AFTER UPDATE OF {_FIELDS} ON glossary_site_searchdocument BEGIN
        INSERT INTO {_FTS}({_FTS}, rowid, {_FIELDS}) VALUES ('delete', old.id, {_OLD});
        INSERT INTO {_FTS}(rowid, {_FIELDS}) VALUES (new.id, {_NEW}); END""",
    f"INSERT INTO {_FTS}({_FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS searchdoc_heads_au",
    "DROP TRIGGER IF EXISTS searchdoc_heads_ad",
    "DROP TRIGGER IF EXISTS searchdoc_heads_ai",
    f"DROP TABLE IF EXISTS {_FTS}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("glossary_site", "0023_index_what_search_joins_its_matches_by"),
    ]

    operations = [
        migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD)),
    ]
