"""Review links (editorial/review.py): a draft or scheduled change shown to people
without an account. Editors may list them and revoke them (Site › Review links)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.conf import settings
from django.db import migrations, models


GROUP = "Editors"
CODENAMES = ["view_reviewlink", "change_reviewlink"]


def allow(apps, schema_editor):
    app_config = apps.get_app_config("glossary_site")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="glossary_site", codename__in=CODENAMES
            )
        )


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
        ('glossary_site', '0014_reader_demand_counts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("articles", "0006_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name='ReviewLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=10)),
                ('object_id', models.PositiveBigIntegerField()),
                ('history_id', models.PositiveBigIntegerField(help_text="The item's revision (history record) shown.")),
                ('version', models.PositiveIntegerField(help_text="The item's version that revision is.")),
                ('values', models.JSONField(blank=True, default=dict, help_text="A scheduled change's fields, shown over that revision.")),
                ('scheduled_for', models.DateTimeField(blank=True, help_text='When the scheduled change shown goes public, if it is one.', null=True)),
                ('title', models.CharField(help_text='The title the link shows.', max_length=200)),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField()),
                ('revoked_at', models.DateTimeField(blank=True, null=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'review link',
                'ordering': ['-created_at'],
                'get_latest_by': 'created_at',
            },
        ),
        migrations.RunPython(allow, disallow),
    ]
