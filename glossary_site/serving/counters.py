"""Counters raised by changes, and the one place a change is announced.

A change names what it changed (serving/keys.py: an item, an item's card, a
kind's lists); `changed()` then, in the changing transaction:
- raises the "content" counter (feeds, sitemaps and every page that declares no
  narrower dependency key on it) and the counter of each kind whose lists changed
  ("list:term": the index, the letters, the newest articles in the sidebar);
- marks stale exactly the stored pages that show what changed
  (serving/staleness.py).

The "content" row also remembers when the next timed change comes (a scheduled
item or a scheduled change of a live one). The worker makes it public at that
moment (serving/publications.py, editorial/scheduling.py); a request after the moment and
before the worker reads the content itself and stores nothing (Snapshot.due()).
"""

from dataclasses import dataclass, field

from django.db.models import F, Min
from django.utils import timezone

from glossary_site.content import registry, scheduled
from glossary_site.serving import keys as page_keys
from glossary_site.serving import staleness
from glossary_site.serving.models import Counter

CONTENT = page_keys.CONTENT


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
    staleness.invalidate(keys, everything=change.everything)
