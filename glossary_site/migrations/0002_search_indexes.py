"""Full-text indexes for search.py, one kind per database.

SQLite: an FTS5 table over glossary_site_searchdocument (external content), kept
in step by triggers, with the porter stemmer and accents folded.
PostgreSQL: a GIN index on the weighted tsvector, and pg_trgm with a trigram index
on term titles for the "did you mean" suggestion.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE glossary_site_searchdocument_fts USING fts5(
        title, aliases, summary, body,
        content='glossary_site_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER searchdoc_ai AFTER INSERT ON glossary_site_searchdocument BEGIN
        INSERT INTO glossary_site_searchdocument_fts(rowid, title, aliases, summary, body)
        VALUES (new.id, new.title, new.aliases, new.summary, new.body); END""",
    """CREATE TRIGGER searchdoc_ad AFTER DELETE ON glossary_site_searchdocument BEGIN
        INSERT INTO glossary_site_searchdocument_fts(glossary_site_searchdocument_fts, rowid,
            title, aliases, summary, body)
        VALUES ('delete', old.id, old.title, old.aliases, old.summary, old.body); END""",
    """CREATE TRIGGER searchdoc_au AFTER UPDATE ON glossary_site_searchdocument BEGIN
        INSERT INTO glossary_site_searchdocument_fts(glossary_site_searchdocument_fts, rowid,
            title, aliases, summary, body)
        VALUES ('delete', old.id, old.title, old.aliases, old.summary, old.body);
        INSERT INTO glossary_site_searchdocument_fts(rowid, title, aliases, summary, body)
        VALUES (new.id, new.title, new.aliases, new.summary, new.body); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS searchdoc_au",
    "DROP TRIGGER IF EXISTS searchdoc_ad",
    "DROP TRIGGER IF EXISTS searchdoc_ai",
    "DROP TABLE IF EXISTS glossary_site_searchdocument_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX searchdoc_vector_gin ON glossary_site_searchdocument USING gin (vector)",
    "CREATE INDEX term_title_trgm ON terms_term USING gin (title gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS term_title_trgm",
    "DROP INDEX IF EXISTS searchdoc_vector_gin",
]


def _run_for(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("glossary_site", "0001_search_document"),
        ("terms", "0002_aliases_related_index_toc"),
    ]

    operations = [
        migrations.RunPython(
            _run_for({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run_for({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
