"""Old addresses per language (issue 28): a German page's old slug answers under /de/
only, and may be spelled as an English page's. Every row starts in the source
language; each app's migration moves the rows of its items to their language."""

import glossary_site.content.languages
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('glossary_site', '0020_scheduled_change_keeps_minor_flag'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='slugredirect',
            options={'ordering': ['kind', 'language', 'old_slug']},
        ),
        migrations.RemoveConstraint(
            model_name='slugredirect',
            name='slugredirect_unique_slug',
        ),
        migrations.AddField(
            model_name='slugredirect',
            name='language',
            field=models.CharField(default=glossary_site.content.languages.source_language, help_text="The language whose address it is (the item's): /de/glossary/<old>/ for German.", max_length=15),
        ),
        migrations.AlterField(
            model_name='slugredirect',
            name='old_slug',
            field=models.SlugField(allow_unicode=True, max_length=200),
        ),
        migrations.AddConstraint(
            model_name='slugredirect',
            constraint=models.UniqueConstraint(fields=('kind', 'language', 'old_slug'), name='slugredirect_unique_slug_per_language'),
        ),
    ]
