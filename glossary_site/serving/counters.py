"""Counters raised by changes, and the one place a change is announced.

A change names what it changed (serving/keys.py: an item, an item's card, a
kind's lists); `changed()` then, in the changing transaction:
- raises the "content" counter (feeds, sitemaps and every page that declares no
  narrower dependency key on it) and the counter of each kind whose lists changed
  ("list:term": the index, the letters, the newest articles in the sidebar);
- marks stale exactly the stored pages that show what changed
  (serving/invalidation.py).

The "content" row also remembers when the next timed change comes (a scheduled
item or a scheduled change of a live one). The worker makes it public at that
moment (announce_due, editorial/scheduling.py); a request after the moment and
before the worker reads the content itself and stores nothing (Snapshot.due()).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Min
from django.tasks import task
from django.utils import timezone

from glossary_site.content import registry, scheduled
from glossary_site.serving import keys as page_keys
from glossary_site.serving.models import Counter

CONTENT = "content"


def list_channel(kind_name):
    return page_keys.listing(kind_name)


def _model():
    return Counter


def next_scheduled_publication():
    now = timezone.now()
    times = [
        kind.model.objects.scheduled(now).aggregate(first=Min("published_at"))["first"]
        for kind in registry.kinds()
    ]
    times.append(scheduled.next_due())  # changes to live pages, kept aside until their time
    return min((t for t in times if t), default=None)


def reschedule():
    """Recompute when the next timed change comes: a scheduled change of a live page
    was added or cancelled, which changes no page yet (editorial/scheduling.py)."""
    next_at = next_scheduled_publication()
    if not _model().objects.filter(key=CONTENT).update(next_change_at=next_at):
        _model().objects.get_or_create(key=CONTENT, defaults={"number": 1, "next_change_at": next_at})


@dataclass
class _Change:
    keys: set = field(default_factory=set)
    lists: set = field(default_factory=set)
    everything: bool = False

    def add(self, keys, lists, everything):
        self.keys |= set(keys)
        self.lists |= set(lists)
        self.everything = self.everything or everything


def changed(keys=(), lists=(), everything=False, batch=None):
    """Announce a change (call inside the changing transaction).

    keys: what stored pages may depend on (serving/keys.py);
    lists: kind names whose lists changed (an item appeared, went or changed its card);
    everything: when the change cannot say what it touched (an author renamed);
    batch: a bulk operation's Batch (content/batch.py), which announces every change
    once, at its end (announce_batch), not a few times per item."""
    if batch is not None:
        batch.pages_changed(keys, lists, everything)
        return
    change = _Change()
    change.add(keys, lists, everything)
    _announce(change)


def announce_batch(batch):
    """Announce what a batch collected (at its end, still inside its transaction)."""
    change = _Change()
    change.add(batch.page_keys, batch.page_lists, batch.every_page)
    batch.page_keys, batch.page_lists, batch.every_page = set(), set(), False
    if change.keys or change.lists or change.everything:
        _announce(change)


def content_changed():
    """A change that cannot name what it touched: every page is re-rendered."""
    changed(everything=True)


def _announce(change):
    from glossary_site.serving import invalidation  # it announces through this module

    lists = {kind.name for kind in registry.kinds()} if change.everything else change.lists
    names = [CONTENT, *(list_channel(name) for name in sorted(lists))]
    model = _model()
    now = timezone.now()
    raised = model.objects.filter(key__in=names).update(number=F("number") + 1, changed_at=now)
    if raised < len(names):
        for name in names:
            model.objects.get_or_create(key=name, defaults={"number": 1, "changed_at": now})
    if lists:
        # Only a change of a list (status, publish time) can move the next publication.
        model.objects.filter(key=CONTENT).update(next_change_at=next_scheduled_publication())
    keys = change.keys | {list_channel(name) for name in lists}
    invalidation.invalidate(keys, everything=change.everything)


def announce_due():
    """Announce the scheduled items whose time has come: they change their lists and
    cards, and their pages are to be rendered ahead. The worker calls it at the
    moment (announce_publications, editorial/scheduling.py), never a request.
    Of several callers, the one that claims the counter row's moment does it.
    Returns whether this call did."""
    from glossary_site.serving import invalidation  # it announces through this module

    now = timezone.now()
    with transaction.atomic():
        next_at = _model().objects.filter(key=CONTENT).values_list("next_change_at", flat=True).first()
        if next_at is None or next_at > now:
            return False
        claimed = _model().objects.filter(key=CONTENT, next_change_at=next_at).update(next_change_at=None)
        if not claimed:
            return False
        keys, lists = set(), set()
        for kind in registry.kinds():
            due = kind.model.objects.published(now).filter(published_at__gte=next_at)
            for item in due.only("pk", "slug", "status", "published_at"):
                keys |= invalidation.change_keys(item)
                lists.add(kind.name)
                invalidation.item_went_public(item)
        changed(keys=keys, lists=lists or {kind.name for kind in registry.kinds()})
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
    next_at = _model().objects.filter(key=CONTENT).values_list("next_change_at", flat=True).first()
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
