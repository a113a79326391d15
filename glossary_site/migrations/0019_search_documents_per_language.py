"""Search per language (search/analysis.py): each search document and each "did you
mean" word gets its item's language, and documents the words of their language's
analysis (analysed_*). SQLite indexes those with a second FTS5 table that keeps
each word as it is given (no stemmer, no accents removed, combining marks kept),
so が and か stay apart; PostgreSQL puts them in the same tsvector. Existing
documents and words are the source language's."""

from django.db import migrations, models

import glossary_site.content.languages

_FIELDS = "analysed_names, analysed_summary, analysed_body"
_OLD = "old.analysed_names, old.analysed_summary, old.analysed_body"
_NEW = "new.analysed_names, new.analysed_summary, new.analysed_body"
_FTS = "glossary_site_searchdocument_analysed"
_RAW = "title, aliases, summary, body"
# Adding a column with a computed default makes Django's SQLite schema editor copy
# the table, which drops its triggers: 0002's are made again, as they were.
_RAW_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS searchdoc_ai AFTER INSERT ON glossary_site_searchdocument BEGIN
        INSERT INTO glossary_site_searchdocument_fts(rowid, {_RAW})
        VALUES (new.id, new.title, new.aliases, new.summary, new.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS searchdoc_ad AFTER DELETE ON glossary_site_searchdocument BEGIN
        INSERT INTO glossary_site_searchdocument_fts(glossary_site_searchdocument_fts, rowid, {_RAW})
        VALUES ('delete', old.id, old.title, old.aliases, old.summary, old.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS searchdoc_au AFTER UPDATE ON glossary_site_searchdocument BEGIN
        INSERT INTO glossary_site_searchdocument_fts(glossary_site_searchdocument_fts, rowid, {_RAW})
        VALUES ('delete', old.id, old.title, old.aliases, old.summary, old.body);
        INSERT INTO glossary_site_searchdocument_fts(rowid, {_RAW})
        VALUES (new.id, new.title, new.aliases, new.summary, new.body); END""",
]
SQLITE_FORWARD = [
    *_RAW_TRIGGERS,
    f"""CREATE VIRTUAL TABLE {_FTS} USING fts5(
        {_FIELDS}, content='glossary_site_searchdocument', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")""",
    f"""CREATE TRIGGER searchdoc_analysed_ai AFTER INSERT ON glossary_site_searchdocument BEGIN
        INSERT INTO {_FTS}(rowid, {_FIELDS}) VALUES (new.id, {_NEW}); END""",
    f"""CREATE TRIGGER searchdoc_analysed_ad AFTER DELETE ON glossary_site_searchdocument BEGIN
        INSERT INTO {_FTS}({_FTS}, rowid, {_FIELDS}) VALUES ('delete', old.id, {_OLD}); END""",
    f"""CREATE TRIGGER searchdoc_analysed_au AFTER UPDATE ON glossary_site_searchdocument BEGIN
        INSERT INTO {_FTS}({_FTS}, rowid, {_FIELDS}) VALUES ('delete', old.id, {_OLD});
        INSERT INTO {_FTS}(rowid, {_FIELDS}) VALUES (new.id, {_NEW}); END""",
    f"INSERT INTO {_FTS}({_FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS searchdoc_analysed_au",
    "DROP TRIGGER IF EXISTS searchdoc_analysed_ad",
    "DROP TRIGGER IF EXISTS searchdoc_analysed_ai",
    f"DROP TABLE IF EXISTS {_FTS}",
]
# Undoing the columns copies the table again.
SQLITE_AFTER_BACKWARD = _RAW_TRIGGERS


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("glossary_site", "0018_review_links_keep_their_render"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _run(SQLITE_AFTER_BACKWARD)),
        migrations.AddField(
            model_name="searchdocument",
            name="language",
            field=models.CharField(default=glossary_site.content.languages.source_language, max_length=12),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="analysed_names",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="analysed_summary",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="analysed_body",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchword",
            name="language",
            field=models.CharField(default=glossary_site.content.languages.source_language, max_length=12),
        ),
        migrations.AlterField(
            model_name="searchword",
            name="word",
            field=models.CharField(max_length=40),
        ),
        migrations.AddConstraint(
            model_name="searchword",
            constraint=models.UniqueConstraint(fields=("language", "word"), name="searchword_one_per_language"),
        ),
        migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD)),
    ]
