"""The glossary's receivers: links follow its terms' names when an alias is edited
inline or a term is deleted (neither passes through Term.save())."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from glossary_site.markup import mentions
from glossary_site.search import indexing


def connect(Term, TermAlias):
    pre_delete.connect(_relink_after_term_delete, sender=Term, dispatch_uid="relink-term-delete")
    post_save.connect(_alias_changed, sender=TermAlias, dispatch_uid="alias-saved")
    post_delete.connect(_alias_changed, sender=TermAlias, dispatch_uid="alias-deleted")


def _relink_after_term_delete(sender, instance, **kwargs):
    mentions.changed(instance.pk)
    # Named before the delete removes the mention rows; relinked by the worker.
    mentions.relink_after_delete(instance)


def _alias_changed(sender, instance, origin=None, **kwargs):
    if origin is not None and not isinstance(origin, sender):
        # Deleted with its term (or a queryset of terms): relinking the term being
        # deleted would write mention rows for a row about to go.
        return
    Term = type(instance.term) if instance.term_id else None
    term = Term.objects.filter(pk=instance.term_id).first() if Term else None
    if term is None:  # the term itself is being deleted
        return
    # The term's page shows its aliases' effects, and every process's link matcher
    # must learn the new names.
    Term.objects.filter(pk=term.pk).update(updated_at=timezone.now())
    mentions.changed(term.pk)
    indexing.update_aliases(term)
    mentions.relink_after_change(term, old_names=[instance.name])
    # Its own body never links its own names, the new one included (a new term's
    # aliases are saved after the term itself).
    term.refresh_links()
