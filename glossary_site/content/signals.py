"""Keep search rows, old addresses and the content counter in step with changes
that do not pass through Publishable.save(): deletes (also bulk deletes from the
admin) and every write to a content app's other models.

Connected for each kind when its app registers it (content.registry); the
glossary's own receivers (aliases, deleted terms) live in the terms app.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from glossary_site.content import redirects, registry
from glossary_site.search import indexing
from glossary_site.serving import versions


def connect_core():
    """The core's own receivers (from GlossarySiteConfig.ready())."""
    _count_changes_of(apps.get_model("glossary_site", "SlugRedirect"))
    m2m_changed.connect(_content_changed_m2m, dispatch_uid="content-changed-m2m")


def connect_kind(kind):
    # Any write to the kind's app raises the counter the page cache keys on.
    for model in kind.model._meta.app_config.get_models():
        _count_changes_of(model)
    model = kind.model
    post_delete.connect(_remove_from_search, sender=model, dispatch_uid=f"search-remove-{model.__name__}")


def _count_changes_of(model):
    uid = f"content-changed-{model._meta.label}"
    post_save.connect(_content_changed, sender=model, dispatch_uid=uid + "-save")
    post_delete.connect(_content_changed, sender=model, dispatch_uid=uid + "-delete")


def _remove_from_search(sender, instance, **kwargs):
    indexing.remove(instance)
    redirects.after_delete(instance)


def _content_changed(sender, **kwargs):
    versions.content_changed()


def _content_changed_m2m(sender, instance, action, **kwargs):
    if (
        action in {"post_add", "post_remove", "post_clear"}
        and instance._meta.app_label in registry.app_labels()
    ):
        versions.content_changed()
