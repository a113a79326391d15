"""Keep search rows, old addresses and the stored pages in step with changes that
do not pass through Publishable.save(): deletes (also bulk deletes from the
admin), many-to-many changes and every write to a content app's other models.

Connected for each kind when its app registers it (content.registry); the
glossary's own receivers (aliases, deleted terms) live in the terms app.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from glossary_site.content import redirects, registry
from glossary_site.search import indexing
from glossary_site.serving import pages, versions


def connect_core():
    """The core's own receivers (from GlossarySiteConfig.ready())."""
    # Old addresses answer 301 or 410, which no cache keeps: nothing to announce.
    m2m_changed.connect(_m2m_changed, dispatch_uid="content-changed-m2m")


def connect_kind(kind):
    # Every other write to the kind's app is announced (the item saves itself).
    for model in kind.model._meta.app_config.get_models():
        # Revisions (simple_history's Historical* models) show on no public page.
        historical = hasattr(model, "instance_type")
        if not historical and not any(model is known.model for known in registry.kinds()):
            uid = f"content-changed-{model._meta.label}"
            post_save.connect(_other_model_changed, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(_other_model_changed, sender=model, dispatch_uid=uid + "-delete")
    model = kind.model
    post_delete.connect(_item_deleted, sender=model, dispatch_uid=f"item-deleted-{model.__name__}")


def _item_deleted(sender, instance, **kwargs):
    indexing.remove(instance)
    redirects.after_delete(instance)
    pages.item_deleted(instance)


def _kind_of(model):
    return next((kind for kind in registry.kinds() if kind.model is model), None)


def _other_model_changed(sender, instance, **kwargs):
    """An alias, a tag, an author...: the items it belongs to, if it says; else all."""
    for field in sender._meta.concrete_fields:
        kind = _kind_of(field.related_model) if field.is_relation and field.many_to_one else None
        if kind is not None:
            target = getattr(instance, field.attname)
            if target is not None:
                versions.changed(keys={f"{kind.name}:{target}"}, lists={kind.name})
            return
    # Shown by many items in ways this receiver cannot tell (an author's name on
    # every article of theirs): every page is rendered again.
    versions.content_changed()


def _mention_tables():
    return {getattr(kind.model, kind.mentions).through for kind in registry.kinds() if kind.mentions}


def _m2m_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    kind, other = _kind_of(type(instance)), _kind_of(model)
    if kind is None and other is None:
        return
    if action == "post_clear":  # the removed rows are gone already: no telling who showed them
        versions.content_changed()
        return
    keys = {pages.item_key(instance)} if kind is not None else set()
    if other is not None:
        keys |= {f"{other.name}:{pk}" for pk in pk_set}
    # Which terms a body links shows on those items' own pages, never in lists.
    mentions = sender in _mention_tables()
    if mentions and other is not None:
        keys |= {pages.mentions_key(other.name, pk) for pk in pk_set}
    lists = set() if mentions else {known.name for known in (kind, other) if known is not None}
    if kind is None:  # e.g. a tag's articles: the tag's own list pages
        lists.add(other.name)
    versions.changed(keys=keys, lists=lists)
