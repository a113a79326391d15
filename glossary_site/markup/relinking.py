"""Relinking after a term changes: recorded with the change, done by a background worker.

`request()` writes a RelinkRequest in the saving transaction and, once it commits,
enqueues `relink_pending` (Django's tasks framework: a database-backed queue served
by `manage.py run_worker`). The task works through every pending request, a chunk of
bodies at a time, each chunk in its own transaction: linking a body again is
idempotent, so a worker killed half way costs only the repetition of one chunk. A
worker starting up releases its own old claims and enqueues the task once, so what
a killed worker left is finished without anyone asking.
"""

import os
import socket
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.markup.models import RelinkRequest, TermChange
from glossary_site.search import indexing

MAX_ATTEMPTS = 5  # then the request waits, with its error, for an operator
# run_worker sets its --worker-id here; in a web process (work run inline) it stays this.
worker = {"id": f"{socket.gethostname()}:{os.getpid()}"}


def _chunk():
    return settings.RELINK_CHUNK  # bodies linked per transaction


def _lease():
    return timedelta(seconds=settings.RELINK_LEASE_SECONDS)  # a claim's life without renewal


def request(term_id, names, items=()):
    """Record that bodies with these names (and these (kind, id) items) need linking
    again. Call inside the transaction that changes the term."""
    RelinkRequest.objects.create(
        term_id=term_id, names=sorted(set(names)), items=sorted({(kind, pk) for kind, pk in items})
    )
    transaction.on_commit(relink_pending.enqueue)


@task()
def relink_pending():
    """Finish every relink request no live worker holds; come back for held ones."""
    done = 0
    # The matchers read a few minutes of the change log: keep a day, and the newest entry.
    old = TermChange.objects.filter(at__lt=timezone.now() - timedelta(days=1))
    old.exclude(pk=TermChange.objects.order_by("-id").values("pk")[:1]).delete()
    while (claimed := _claim_next()) is not None:
        done += _carry_out(claimed)
    held = RelinkRequest.objects.filter(claimed_until__gt=timezone.now()).order_by("claimed_until").first()
    if held is not None:
        # Held by another worker, or by one that died: look again when the lease ends.
        relink_pending.using(run_after=held.claimed_until + timedelta(seconds=1)).enqueue()
    return done


def release_claims_of(worker_id):
    """A worker starting again under the same id lets go of what it held when it died."""
    return RelinkRequest.objects.filter(claimed_by=worker_id).update(claimed_by="", claimed_until=None)


def _claim_next():
    now = timezone.now()
    free = (Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)) & Q(attempts__lt=MAX_ATTEMPTS)
    for pk in RelinkRequest.objects.filter(free).values_list("pk", flat=True)[:20]:
        # A conditional UPDATE: of two workers racing for the same row, one wins.
        won = RelinkRequest.objects.filter(free, pk=pk).update(
            claimed_by=worker["id"], claimed_until=now + _lease(), attempts=F("attempts") + 1
        )
        if won:
            return RelinkRequest.objects.get(pk=pk)
    return None


def _carry_out(claimed):
    """Link every body the request names; delete it when all are done."""
    try:
        items = sorted(_bodies_for(claimed))
        size = _chunk()
        for start in range(0, len(items), size):
            with transaction.atomic():
                relink(items[start : start + size])
                RelinkRequest.objects.filter(pk=claimed.pk).update(claimed_until=timezone.now() + _lease())
    except Exception:
        RelinkRequest.objects.filter(pk=claimed.pk).update(
            last_error=traceback.format_exc(limit=8), claimed_by="", claimed_until=None
        )
        raise
    RelinkRequest.objects.filter(pk=claimed.pk).delete()
    return len(items)


def _bodies_for(claimed):
    """Bodies that link the term now, those known to have linked it, and those whose
    text contains one of its names."""
    found = {(kind, pk) for kind, pk in claimed.items}
    found |= bodies_linking(claimed.term_id)
    found |= bodies_with_names(claimed.names)
    found.discard((registry.link_target().name, claimed.term_id))
    return found


def bodies_linking(term_id):
    """(kind, id) of every body whose stored links include the term."""
    found = set()
    for kind in registry.kinds():
        if kind.mentions:
            linking = kind.model.objects.filter(**{kind.mentions: term_id})
            found |= {(kind.name, pk) for pk in linking.values_list("pk", flat=True)}
    return found


def bodies_with_names(names):
    """(kind, id) of every body whose text has one of the names: a search per 200 names,
    as one search for thousands would hold gigabytes while it runs."""
    names, found = sorted(names), set()
    for start in range(0, len(names), 200):
        found |= set(indexing.documents_mentioning(names[start : start + 200], limit=1_000_000))
    return found


def every_body():
    """(kind, id) of every body that links terms."""
    return {
        (kind.name, pk)
        for kind in registry.kinds()
        if kind.mentions
        for pk in kind.model.objects.values_list("pk", flat=True).iterator()
    }


def relink(items, from_stored=False):
    """Link the given (kind, id) bodies again with the current matcher; from_stored:
    their stored HTML is the rendered body without links (saved in a batch)."""
    for kind in registry.kinds():
        ids = sorted(pk for item_kind, pk in items if item_kind == kind.name)
        for start in range(0, len(ids), 2000):
            for item in kind.model.objects.filter(pk__in=ids[start : start + 2000]).iterator():
                item.refresh_links(item.body_html if from_stored else None)
