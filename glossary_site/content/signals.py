"""Keep search rows and automatic links in step with deletions and alias edits.

Saves are handled in Publishable.save and Term.save; these receivers cover what
does not pass through save(): deletes (also bulk deletes from the admin) and the
aliases edited inline on a term.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone

from glossary_site.content import redirects
from glossary_site.markup import mentions
from glossary_site.search import indexing
from glossary_site.serving import versions


def connect(Term, Article, TermAlias):
    _connect_content_counter()
    for model in (Term, Article):
        post_delete.connect(_remove_from_search, sender=model, dispatch_uid=f"search-remove-{model.__name__}")
    pre_delete.connect(_relink_after_term_delete, sender=Term, dispatch_uid="relink-term-delete")
    post_save.connect(_alias_changed, sender=TermAlias, dispatch_uid="alias-saved")
    post_delete.connect(_alias_changed, sender=TermAlias, dispatch_uid="alias-deleted")


def _remove_from_search(sender, instance, **kwargs):
    indexing.remove(instance)
    redirects.after_delete(instance)


def _relink_after_term_delete(sender, instance, **kwargs):
    mentions.changed()
    # Found before the delete removes the mention rows; relinked after the commit.
    affected = mentions._affected(instance, {instance.title, *instance.alias_names()})
    if affected:
        transaction.on_commit(lambda: mentions.relink(affected))


def _alias_changed(sender, instance, **kwargs):
    Term = type(instance.term) if instance.term_id else None
    term = Term.objects.filter(pk=instance.term_id).first() if Term else None
    if term is None:  # the term itself is being deleted
        return
    # The term's page shows its aliases' effects, and every process's link matcher
    # must learn the new names.
    Term.objects.filter(pk=term.pk).update(updated_at=timezone.now())
    mentions.changed()
    indexing.update_aliases(term)
    mentions.relink_after_change(term, old_names=[instance.name])


def _connect_content_counter():
    """Any write to the content apps raises the counter the page cache keys on."""
    from django.apps import apps

    models = [*apps.get_app_config("terms").get_models(), *apps.get_app_config("articles").get_models()]
    models.append(apps.get_model("glossary_site", "SlugRedirect"))
    for model in models:
        uid = f"content-changed-{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_content_changed_m2m, dispatch_uid="content-changed-m2m")


def _content_changed(sender, **kwargs):
    versions.content_changed()


def _content_changed_m2m(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and instance._meta.app_label in {
        "terms",
        "articles",
    }:
        versions.content_changed()
