from django.apps import AppConfig


class GlossarySiteConfig(AppConfig):
    """The project package doubles as a small app for the pieces both apps share:
    the publishable base model, the Markdown renderer, search and term linking."""

    name = "glossary_site"
    verbose_name = "Site"

    def ready(self):
        from articles.models import Article
        from glossary_site import signals
        from terms.models import Term, TermAlias

        signals.connect(Term, Article, TermAlias)
