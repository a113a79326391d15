"""Scheduled changes to live pages: the current version stays public until the
time, then the new one (or the unpublishing) goes public by itself.

An editor who gives "Make the change public at" on a published item's form (or
moves its publish time into the future, which would otherwise take the page down)
saves a ScheduledChange (content/scheduled.py) instead of the item. The worker
saves it at that moment through Publishable.save() (make_due_changes_public), so
revisions, redirects, links, search and the stored pages follow as after any
save; requests never save it: one after the moment and before the worker shows
the change without writing (content/views.py). No cron job."""

import logging
from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial.merging import merge_fields
from glossary_site.editorial.publishing import when
from glossary_site.serving import counters, publications

log = logging.getLogger(__name__)

SCHEDULED_FIELDS = ["title", "slug", "summary", "body"]


def pending(item):
    """The change waiting for a live item, or None."""
    return ScheduledChange.objects.filter(kind=registry.of(item).name, object_id=item.pk).first()


def describe(change):
    what = "unpublishing" if change.unpublish else "change"
    return f"Published · {what} scheduled for {when(change.due_at)}"


def schedule(item, due_at, unpublish, user, minor=False):
    """Keep the item's form values aside until `due_at`; its stored row is not touched.
    minor: the editor marked the change minor, which the worker's save must keep
    (Publishable.save()), or a typo fixed for later would put translations out of date."""
    stored = type(item).objects.get(pk=item.pk)
    values = {
        name: getattr(item, name) for name in SCHEDULED_FIELDS if getattr(item, name) != getattr(stored, name)
    }
    with transaction.atomic():
        ScheduledChange.objects.update_or_create(
            kind=registry.of(item).name,
            object_id=item.pk,
            defaults={
                "due_at": due_at,
                "values": values,
                "unpublish": unpublish,
                "minor": minor,
                "base_version": stored.version,
                "created_by": user if getattr(user, "pk", None) else None,
                "error": "",
            },
        )
        counters.reschedule()  # the counter row wakes for it; no page changes yet
        _wake_the_worker_at(due_at)


@task()
def make_due_changes_public():
    """The worker's side: at the time, what is due goes public (also run when the
    worker starts, for a moment that passed while no worker ran)."""
    # Scheduled items first: saving a change moves the counter row's moment on.
    publications.announce_due()
    apply_due()


def _wake_the_worker_at(due_at):
    if not make_due_changes_public.get_backend().supports_defer:
        return  # a backend that runs work at once (tests): they run the task themselves
    later = make_due_changes_public.using(run_after=due_at + timedelta(seconds=1))
    transaction.on_commit(later.enqueue)


def apply_due(now=None):
    """Save every change whose time has come. Each is claimed by deleting its row, so
    of several processes noticing the moment, one saves it."""
    now = now or timezone.now()
    for change in ScheduledChange.objects.filter(due_at__lte=now, error=""):
        try:
            with transaction.atomic():
                if not ScheduledChange.objects.filter(pk=change.pk, error="").delete()[0]:
                    continue
                _apply(change)
        except Exception as error:  # the others must still go public: keep it, say why
            log.exception("Scheduled change %s could not be made public", change.pk)
            ScheduledChange.objects.filter(pk=change.pk).update(
                error=str(error)[:1000] or type(error).__name__
            )


def _apply(change):
    item = registry.get(change.kind).model.objects.filter(pk=change.object_id).first()
    if item is None:
        return
    values = change.values
    if item.version != change.base_version:
        # Saved since it was scheduled: keep what only the later saves changed.
        opened = (
            item.history.filter(version=change.base_version).first() if hasattr(item, "history") else None
        )
        if opened is not None:
            names = list(values)
            merged = merge_fields(
                {n: getattr(opened, n) for n in names},
                {n: getattr(item, n) for n in names},
                values,
            )
            values = merged.result
    for name, value in values.items():
        setattr(item, name, value)
    if change.unpublish:
        item.status = item.Status.DRAFT
    item._history_user = change.created_by
    item._change_reason = (
        f"Scheduled {'unpublishing' if change.unpublish else 'change'} of {when(change.due_at)}"
    )
    item.save(minor=change.minor)
