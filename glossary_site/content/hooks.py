"""The one hook through which a publishable item announces its saves.

content is the bottom layer of the core: it may not call the renderer, the search
index or the page store above it. So `Publishable.save()` sets the item's own
columns and hands the rest to whatever installed itself here: the lifecycle
(glossary_site/lifecycle.py), from GlossarySiteConfig.ready(), the way the apps
register their kinds (content.registry).
"""

from django.core.exceptions import ImproperlyConfigured

_installed = {}


def install(lifecycle):
    """Install the receiver of every save: an object with
    `prepare(item, batch) -> change` (before the row is written: derived columns
    and what the item was) and `saved(change)` (after, in the same transaction)."""
    _installed["lifecycle"] = lifecycle


def lifecycle():
    try:
        return _installed["lifecycle"]
    except KeyError:
        raise ImproperlyConfigured("No lifecycle is installed (GlossarySiteConfig.ready()).") from None
