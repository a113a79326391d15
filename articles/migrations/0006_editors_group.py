"""The "Editors" group: add, change, publish and view (history included) terms and
articles with their aliases, tags and authors. Nothing else: no users, no groups,
and no deleting (deleted work is recoverable, but a mistake is better not made;
an administrator deletes). Image uploads need only a staff account."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
PERMISSIONS = {
    "terms": ["add_term", "change_term", "view_term", "publish_term", "add_termalias", "change_termalias", "view_termalias"],
    "articles": [
        "add_article", "change_article", "view_article", "publish_article",
        "add_tag", "change_tag", "view_tag", "add_author", "change_author", "view_author",
    ],
}


def create_editors(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the group can get them.
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for label, codenames in PERMISSIONS.items():
        found = Permission.objects.filter(content_type__app_label=label, codename__in=codenames)
        assert found.count() == len(codenames), (label, codenames)
        group.permissions.add(*found)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_version_history_publish_permission"),
        ("terms", "0005_version_history_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
