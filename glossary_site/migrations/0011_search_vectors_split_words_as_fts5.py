"""PostgreSQL only: search vectors made of the words FTS5 sees (search/postgres.py
WORDS_APART): "TCP/IP" as "tcp" and "ip", accents dropped, so that a search finds
the same documents on either database. Every existing vector is made again."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """UPDATE glossary_site_searchdocument SET vector =
        setweight(to_tsvector('english', unaccent(translate(title || ' ' || aliases, '/.@:', '    '))), 'A')
        || setweight(to_tsvector('english', unaccent(translate(summary, '/.@:', '    '))), 'B')
        || setweight(to_tsvector('english', unaccent(translate(body, '/.@:', '    '))), 'C')""",
]
BACKWARD = [
    """UPDATE glossary_site_searchdocument SET vector =
        setweight(to_tsvector('english', title || ' ' || aliases), 'A')
        || setweight(to_tsvector('english', summary), 'B')
        || setweight(to_tsvector('english', body), 'C')""",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("glossary_site", "0010_stored_pages"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
