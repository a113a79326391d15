"""Scheduled publications made public by the worker at their moment, never a request.

A save or an import of an item published with a time ahead wakes the worker for
that moment (wake_for, from the lifecycle); at it, the worker announces what went
public (its lists, cards and page) and waits for the next moment. The counter row
(serving/counters.py) remembers the next moment, so a worker that starts late
catches up (run_worker).
"""

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.serving import counters, invalidation
from glossary_site.serving import keys as page_keys
from glossary_site.serving.models import Counter


def announce_due():
    """Announce the scheduled items whose time has come: they change their lists and
    cards, and their pages are to be rendered ahead. The worker calls it at the
    moment (announce_publications, editorial/scheduling.py), never a request.
    Of several callers, the one that claims the counter row's moment does it.
    Returns whether this call did."""
    now = timezone.now()
    with transaction.atomic():
        next_at = (
            Counter.objects.filter(key=page_keys.CONTENT).values_list("next_change_at", flat=True).first()
        )
        if next_at is None or next_at > now:
            return False
        claimed = Counter.objects.filter(key=page_keys.CONTENT, next_change_at=next_at).update(
            next_change_at=None
        )
        if not claimed:
            return False
        keys, lists = set(), set()
        for kind in registry.kinds():
            due = kind.model.objects.published(now).filter(published_at__gte=next_at)
            for item in due.only("pk", "slug", "status", "published_at"):
                keys |= invalidation.change_keys(item)
                lists.add(kind.name)
                invalidation.item_went_public(item)
        counters.changed(keys=keys, lists=lists or {kind.name for kind in registry.kinds()})
    return True


@task()
def announce_publications():
    """The worker's side of a scheduled publication: at its time, announce it, then
    wait for the next one (only the run that announced does, so one waits)."""
    if announce_due():
        wake_for_the_next()


def wake_for_the_next():
    """Have the worker announce the next timed change at its moment. Only a moment
    ahead: one already past is a scheduled change of a live item not saved yet, which
    editorial's task (queued for it, and when the worker starts) makes public."""
    next_at = Counter.objects.filter(key=page_keys.CONTENT).values_list("next_change_at", flat=True).first()
    if next_at is not None and next_at > timezone.now():
        wake_the_worker_at(next_at)


def wake_for(items):
    """After a save or an import: have the worker announce the earliest of these
    items that is scheduled (published, with a publish time ahead) at its moment;
    each publication it announces wakes it for the next."""
    now = timezone.now()
    moments = [item.published_at for item in items if item.status == "published" and item.published_at > now]
    if moments:
        wake_the_worker_at(min(moments))


def wake_the_worker_at(moment):
    """Have the worker announce what goes public at `moment` (after the commit)."""
    if not announce_publications.get_backend().supports_defer:
        return  # a backend that runs work at once (tests): nothing to wait for
    later = announce_publications.using(run_after=moment + timedelta(seconds=1))
    transaction.on_commit(later.enqueue)
