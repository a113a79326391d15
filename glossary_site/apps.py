from django.apps import AppConfig


class GlossarySiteConfig(AppConfig):
    """The project package doubles as a small app for the pieces both apps share:
    the publishable base model, the Markdown renderer, the demo-content command."""

    name = "glossary_site"
    verbose_name = "Site"
