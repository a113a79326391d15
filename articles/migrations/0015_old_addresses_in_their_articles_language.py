"""The old addresses of articles still on the site answer in the article's language
(glossary_site migration 0021 gave every old address the source language)."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def _of_their_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    language = Coalesce(Subquery(Article.objects.filter(pk=OuterRef("object_id")).values("language")[:1]), F("language"))
    SlugRedirect = apps.get_model("glossary_site", "SlugRedirect")
    SlugRedirect.objects.filter(kind="article", object_id__isnull=False).update(language=language)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_give_articles_a_language_and_translation_key"),
        ("glossary_site", "0021_old_addresses_per_language"),
    ]

    operations = [migrations.RunPython(_of_their_articles, migrations.RunPython.noop)]
