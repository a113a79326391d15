"""The shared core as a Django app: what follows a save, and database upkeep."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate

from glossary_site.serving.db import refresh_planner_statistics


class GlossarySiteConfig(AppConfig):
    """The project package doubles as a small app for the pieces both apps share:
    the publishable base model, the Markdown renderer, search and term linking.
    The apps declare their publishable models to it (content.registry)."""

    name = "glossary_site"
    verbose_name = "Site"

    def ready(self):
        from glossary_site import lifecycle
        from glossary_site.content import origin  # noqa: F401 (registers its deploy check)
        from glossary_site.serving import fragments
        from glossary_site.templatetags.page_tags import YEAR

        lifecycle.install()
        fragments.register(YEAR)
        post_migrate.connect(refresh_planner_statistics, sender=self, dispatch_uid="analyze-after-migrate")
