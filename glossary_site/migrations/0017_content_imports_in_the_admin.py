"""Imports made on the admin's Import screen (exchange/models.py), and the permission
"Can import and export content": no group is given it (superusers have every
permission); an administrator grants it to whoever should move content in bulk."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('glossary_site', '0016_rename_contentversion_counter'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentImport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text="The uploaded file's name.", max_length=255)),
                ('upload', models.BinaryField(null=True)),
                ('state', models.CharField(choices=[('refused', 'Refused'), ('checked', 'Checked'), ('queued', 'Queued'), ('running', 'Applying'), ('done', 'Done'), ('failed', 'Failed')], default='checked', max_length=10)),
                ('report', models.JSONField(default=dict, help_text='The dry run: what it creates, changes, leaves.')),
                ('plan_digest', models.CharField(blank=True, help_text='Of the plan the editor saw.', max_length=64)),
                ('outcome', models.TextField(blank=True, help_text='What applying it did, or why it could not.')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('task_id', models.CharField(blank=True, help_text='The background task applying it.', max_length=64)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('applied_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
                'permissions': [('transfer_content', 'Can import and export content')],
                'get_latest_by': 'created_at',
                'default_permissions': (),
            },
        ),
    ]
