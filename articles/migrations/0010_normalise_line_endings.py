"""Stored text as the admin's form posts it: \\n line endings, no blank space at
either end (content.models.editor_text). Items imported or loaded from the demo
kept CRLF and a final newline, so their first admin save changed every line of the
body and its revision diff showed nothing useful. Rows and their revisions are
rewritten with bulk_update: no save(), so no new revision, version or page change."""

from django.db import migrations

FIELDS = ("title", "summary", "body", "cover_alt")
BATCH = 500


def editor_text(value):
    # A copy of content.models.editor_text as it was when this migration was written.
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _rewrite(model, pk_name):
    changed = []
    rows = model.objects.order_by(pk_name).values_list(pk_name, *FIELDS)
    for pk, *values in rows.iterator(chunk_size=BATCH):
        tidy = [editor_text(value) if isinstance(value, str) else value for value in values]
        if tidy != values:
            changed.append(model(**{pk_name: pk}, **dict(zip(FIELDS, tidy, strict=True))))
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, FIELDS)
            changed = []
    if changed:
        model.objects.bulk_update(changed, FIELDS)


def normalise(apps, schema_editor):
    _rewrite(apps.get_model("articles", "Article"), "id")
    _rewrite(apps.get_model("articles", "HistoricalArticle"), "history_id")


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_body_help_nolink")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop, elidable=True)]
