from django.apps import AppConfig
from django.db.models.signals import post_migrate

from glossary_site.serving.db import refresh_planner_statistics


class GlossarySiteConfig(AppConfig):
    """The project package doubles as a small app for the pieces both apps share:
    the publishable base model, the Markdown renderer, search and term linking."""

    name = "glossary_site"
    verbose_name = "Site"

    def ready(self):
        from articles.models import Article
        from glossary_site.content import signals
        from terms.models import Term, TermAlias

        signals.connect(Term, Article, TermAlias)
        post_migrate.connect(refresh_planner_statistics, sender=self, dispatch_uid="analyze-after-migrate")
