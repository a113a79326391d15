"""The content counter: raised by every change, read by the page cache.

Also remembers when the next scheduled item goes public, so caches built before
that moment are left behind the moment it comes (no cron job)."""

import threading
from collections import OrderedDict
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F, Min
from django.utils import timezone

from glossary_site.content import registry

CONTENT = "content"


def _model():
    return apps.get_model("glossary_site", "ContentVersion")


def next_scheduled_publication():
    now = timezone.now()
    times = [
        kind.model.objects.scheduled(now).aggregate(first=Min("published_at"))["first"]
        for kind in registry.kinds()
    ]
    return min((t for t in times if t), default=None)


_coalescing = threading.local()


@contextmanager
def coalesced():
    """Many changes, one raise of the counter: at the end, still inside the transaction
    (an import of 100,000 items raises it once, not a few times per item)."""
    if getattr(_coalescing, "changed", None) is not None:
        yield  # an outer block raises it
        return
    _coalescing.changed = False
    try:
        yield
        if _coalescing.changed:
            _coalescing.changed = None
            content_changed()
    finally:
        _coalescing.changed = None


def content_changed():
    """Raise the counter (call inside the changing transaction)."""
    if getattr(_coalescing, "changed", None) is not None:
        _coalescing.changed = True
        return
    model = _model()
    next_at = next_scheduled_publication()
    updated = model.objects.filter(key=CONTENT).update(number=F("number") + 1, next_change_at=next_at)
    if not updated:
        model.objects.get_or_create(key=CONTENT, defaults={"number": 1, "next_change_at": next_at})


def current_content():
    """(one query) The counter, raised first if a scheduled publication has come."""
    # Plain SQL: this runs on every cached page, and the ORM would cost more than the query.
    model = _model()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, next_change_at FROM {model._meta.db_table} WHERE key = %s", [CONTENT])
        row = cursor.fetchone()
    if row is None:
        return 0
    number = row[0]
    next_at = model._meta.get_field("next_change_at").to_python(row[1]) if row[1] else None
    if next_at is not None and timezone.is_naive(next_at):
        next_at = timezone.make_aware(next_at, timezone.UTC)
    if next_at is not None and next_at <= timezone.now():
        with transaction.atomic():
            # Only the first request to notice raises it: the others match no row.
            claimed = _model().objects.filter(key=CONTENT, number=number).update(number=number + 1)
            if claimed:
                _model().objects.filter(key=CONTENT).update(next_change_at=next_scheduled_publication())
        return number + 1
    return number


_derived = OrderedDict()
_DERIVED_SIZE = 64


def remembered(request, name, compute):
    """compute(), made once per content version in this process.

    For what many pages show and only a content change can change (the letter
    counts, the newest articles): the page cache's middleware has read the content
    counter for this request already, and the counter is part of the key, so a
    remembered value is never older than the content. Requests the page cache
    passes by (staff, previews) have no counter read and compute afresh."""
    version = getattr(request, "content_version", None)
    if version is None:
        return compute()
    key = (version, name)
    if key in _derived:
        _derived.move_to_end(key)
        return _derived[key]
    value = _derived[key] = compute()
    if len(_derived) > _DERIVED_SIZE:
        _derived.popitem(last=False)
    return value


def forget_derived():
    """(tests) Drop every remembered value."""
    _derived.clear()
