import glossary_site.content.characters
import glossary_site.content.languages
import uuid
from django.db import migrations, models


def give_each_row_a_key(apps, schema_editor):
    model = apps.get_model("articles", "article")
    for pk in model.objects.values_list("pk", flat=True).iterator():
        model.objects.filter(pk=pk).update(translation_key=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_refuse_control_characters'),
        ('terms', '0013_give_terms_a_language_and_translation_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='language',
            field=models.CharField(default=glossary_site.content.languages.source_language, help_text='The language this page is written in.', max_length=12, validators=[glossary_site.content.characters.validate_plain_characters]),
        ),
        migrations.AddField(
            model_name='article',
            name='source_revision',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='translated_from',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        # Added empty, given one key per row, then required: a default evaluated once
        # would give every existing article the same key.
        migrations.AddField(
            model_name='article',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_row_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='article',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='language',
            field=models.CharField(default=glossary_site.content.languages.source_language, help_text='The language this page is written in.', max_length=12, validators=[glossary_site.content.characters.validate_plain_characters]),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='source_revision',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='translated_from',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(allow_unicode=True, help_text="The last part of the page's address. Lowercase letters, digits and hyphens (letters of any script in a translation).", max_length=200),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='slug',
            field=models.SlugField(allow_unicode=True, help_text="The last part of the page's address. Lowercase letters, digits and hyphens (letters of any script in a translation).", max_length=200),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('slug', 'language'), name='articles_article_slug_language'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('translation_key', 'language'), name='articles_article_one_per_language'),
        ),
    ]
