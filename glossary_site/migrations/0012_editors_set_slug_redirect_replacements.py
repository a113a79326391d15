"""Editors may see old addresses and set a replacement for a deleted or unpublished
page (Site › Slug redirects), so its readers get a 301 there instead of 410 Gone.
Rows are still made only by saves and deletes; an administrator deletes them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CODENAMES = ["view_slugredirect", "change_slugredirect"]


def allow(apps, schema_editor):
    app_config = apps.get_app_config("glossary_site")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return
    found = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="glossary_site", codename__in=CODENAMES
    )
    group.permissions.add(*found)


def disallow(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="glossary_site", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("glossary_site", "0011_search_vectors_split_words_as_fts5"),
        ("articles", "0006_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(allow, disallow)]
