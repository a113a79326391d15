"""A first revision for every term and article that existed before revisions were
kept, so that each one's history starts from the text it had then."""

from django.db import migrations

TRACKED = {
    ("terms", "Term"): ["id", "title", "slug", "summary", "body", "status", "published_at", "updated_at", "version"],
    ("articles", "Article"): [
        "id", "title", "slug", "summary", "body", "status", "published_at", "updated_at", "version",
        "author_id", "cover", "cover_alt",
    ],
}


def first_revisions(apps, schema_editor):
    for (label, name), fields in TRACKED.items():
        model = apps.get_model(label, name)
        history = apps.get_model(label, f"Historical{name}")
        rows = [
            history(
                **{field: getattr(item, field) for field in fields},
                history_date=item.updated_at,
                history_type="+",
                history_change_reason="Text when revisions started",
            )
            for item in model.objects.exclude(pk__in=history.objects.values("id")).iterator()
        ]
        history.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_editors_group")]

    operations = [migrations.RunPython(first_revisions, migrations.RunPython.noop)]
