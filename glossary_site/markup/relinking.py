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
from django.db import connection, transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from glossary_site.content import languages, registry, wordforms
from glossary_site.content.batch import Batch
from glossary_site.markup import images, mentions, parallel, scripts
from glossary_site.markup.models import RelinkRequest, TermChange
from glossary_site.search import indexing
from glossary_site.serving import counters, keys

MAX_ATTEMPTS = 5  # then the request waits, with its error, for an operator
ALL_BODIES_FROM = 2000  # names changed in a batch past which every body is relinked


def _chunk():
    return settings.RELINK_CHUNK  # bodies linked per transaction


def _lease():
    return timedelta(seconds=settings.RELINK_LEASE_SECONDS)  # a claim's life without renewal


def relink_after_change(term, old_names=(), batch=None):
    """Have the bodies that mention the term, by an old or a new name, linked again:
    by the background worker (call inside the saving transaction; py), or
    at the end of the batch."""
    mentions.changed(term.pk)
    names = {term.title, *term.alias_names(), *old_names}
    if batch is not None:
        batch.term_changed(term.pk, names)
        return
    request(term.pk, names)


def relink_after_delete(term, batch=None):
    """The same for a term about to be deleted: its mention rows go with it, so the
    bodies that link it are named now (call before the delete)."""
    mentions.changed(term.pk)
    items, names = bodies_linking(term.pk), {term.title, *term.alias_names()}
    if batch is not None:
        batch.linking |= items
        batch.names |= names
        return
    request(term.pk, names, items)


def created(items, batch):
    """Items created in bulk in a batch, as their saves would have noted them: their
    bodies to link at its end and, for new terms, the change log entry every
    process's matcher follows and their names to look for in other bodies."""
    batch.bodies.update((registry.of(item).name, item.pk) for item in items)
    if items and registry.of(items[0]).link_target:
        TermChange.objects.bulk_create([TermChange(term_id=item.pk) for item in items], batch_size=1000)
        for item in items:
            batch.term_changed(item.pk, (item.title, *item.alias_names()))


def bodies_affected(batch):
    """(kind, id) of the bodies a batch's changes of terms may have changed."""
    if len(batch.names) > ALL_BODIES_FROM:
        return every_body()  # cheaper than searching for every name
    bodies = set(batch.bodies) | batch.linking
    for term_id in batch.terms:
        bodies |= bodies_linking(term_id)
    if batch.names:
        bodies |= set(bodies_with_names(batch.names))
    return bodies


def request(term_id, names, items=()):
    """Record that bodies with these names (and these (kind, id) items) need linking
    again. Call inside the transaction that changes the term."""
    RelinkRequest.objects.create(
        term_id=term_id, names=sorted(set(names)), items=sorted({(kind, pk) for kind, pk in items})
    )
    transaction.on_commit(relink_pending.enqueue)


@task(takes_context=True)
def relink_pending(context):
    """Finish every relink request no live worker holds; come back for held ones.
    Claims are made in the name of the worker running the task, so a worker that
    starts again under the same id lets go of them (release_claims_of)."""
    ids = context.task_result.worker_ids
    return relink_all(ids[-1] if ids else f"{socket.gethostname()}:{os.getpid()}")


def relink_all(claimer):
    """Carry out every relink request no live worker holds, as `claimer`."""
    done = 0
    # The matchers read a few minutes of the change log: keep a day, and the newest entry.
    old = TermChange.objects.filter(at__lt=timezone.now() - timedelta(days=1))
    old.exclude(pk=TermChange.objects.order_by("-id").values("pk")[:1]).delete()
    while (claimed := _claim_next(claimer)) is not None:
        done += _carry_out(claimed)
    held = RelinkRequest.objects.filter(claimed_until__gt=timezone.now()).order_by("claimed_until").first()
    if held is not None:
        # Held by another worker, or by one that died: look again when the lease ends.
        relink_pending.using(run_after=held.claimed_until + timedelta(seconds=1)).enqueue()
    return done


def release_claims_of(worker_id):
    """A worker starting again under the same id lets go of what it held when it died."""
    return RelinkRequest.objects.filter(claimed_by=worker_id).update(claimed_by="", claimed_until=None)


def _claim_next(claimer):
    now = timezone.now()
    free = (Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)) & Q(attempts__lt=MAX_ATTEMPTS)
    for pk in RelinkRequest.objects.filter(free).values_list("pk", flat=True)[:20]:
        # A conditional UPDATE: of two workers racing for the same row, one wins.
        won = RelinkRequest.objects.filter(free, pk=pk).update(
            claimed_by=claimer, claimed_until=now + _lease(), attempts=F("attempts") + 1
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
                # The chunk's changes told to the stored pages once: its bodies'
                # pages and the pages of the terms they link or stopped linking.
                chunk = Batch()
                relink(items[start : start + size], batch=chunk)
                counters.announce_batch(chunk)
                RelinkRequest.objects.filter(pk=claimed.pk).update(claimed_until=timezone.now() + _lease())
    except Exception:
        RelinkRequest.objects.filter(pk=claimed.pk).update(
            last_error=traceback.format_exc(limit=8), claimed_by="", claimed_until=None
        )
        raise
    RelinkRequest.objects.filter(pk=claimed.pk).delete()
    return len(items)


def _bodies_for(claimed):
    """Bodies that link the term now, those known to have linked it, and those of its
    language whose text contains one of its names."""
    found = {(kind, pk) for kind, pk in claimed.items}
    found |= bodies_linking(claimed.term_id)
    found |= in_language(bodies_with_names(claimed.names), _language_of(claimed.term_id))
    found.discard((registry.link_target().name, claimed.term_id))
    return found


def _language_of(term_id):
    """The term's language; None for a term deleted since (its bodies were named then)."""
    return registry.link_target().model.objects.filter(pk=term_id).values_list("language", flat=True).first()


def in_language(items, language):
    """Those of the (kind, id) bodies written in the language (all of them for None):
    a term links only bodies of its own language, so only those need linking again."""
    if language is None or not items or not languages.is_multilingual():
        return items
    kept = set()
    for kind in registry.kinds():
        ids = [pk for name, pk in items if name == kind.name]
        for start in range(0, len(ids), RELINK_ROWS):
            rows = kind.model.objects.filter(pk__in=ids[start : start + RELINK_ROWS], language=language)
            kept |= {(kind.name, pk) for pk in rows.values_list("pk", flat=True)}
    return kept


def bodies_linking(term_id):
    """(kind, id) of every body whose stored links include the term."""
    found = set()
    for kind in registry.kinds():
        if kind.mentions:
            linking = kind.model.objects.filter(**{kind.mentions: term_id})
            found |= {(kind.name, pk) for pk in linking.values_list("pk", flat=True)}
    return found


def bodies_with_names(names):
    """(kind, id) of every body whose text has one of the names, in any of the forms
    the linker accepts: a search per 200 names, as one search for thousands would
    hold gigabytes while it runs."""
    names, found = sorted({form for name in names for form in wordforms.spellings(name)}), set()
    for start in range(0, len(names), 200):
        found |= set(indexing.documents_mentioning(names[start : start + 200], limit=1_000_000))
    return found | _bodies_with_cjk_names(names)


def _bodies_with_cjk_names(names):
    """(kind, id) of the bodies whose Markdown holds one of the names written in Han,
    kana or Hangul: the linker finds those inside longer words ("デプロイ" in
    "デプロイメント"), where a search for whole words does not."""
    cjk = [name for name in names if scripts.has_cjk(name)]
    found = set()
    for kind in registry.kinds():
        if not kind.mentions:
            continue
        for start in range(0, len(cjk), 50):
            holding = Q()
            for name in cjk[start : start + 50]:
                holding |= Q(body__contains=name)
            rows = kind.model.objects.filter(holding).values_list("pk", flat=True)
            found |= {(kind.name, pk) for pk in rows.iterator()}
    return found


def every_body():
    """(kind, id) of every body that links terms."""
    return {
        (kind.name, pk)
        for kind in registry.kinds()
        if kind.mentions
        for pk in kind.model.objects.values_list("pk", flat=True).iterator()
    }


RELINK_ROWS = 500  # bodies read, linked and written at a time


def relink(items, from_stored=False, progress=None, batch=None):
    """Link the given (kind, id) bodies again with the current matcher, a few hundred
    at a time: one query for their rows, one statement for their HTML and one for
    their mention rows, rather than a save each (the worker's chunks and the end of
    an import of 100,000 terms alike; an import links on every core, parallel.py).
    from_stored: their stored HTML is the rendered body without links (saved in a
    batch), so it is not rendered again. progress(done, total) after each chunk.
    batch: the pages' changes are told to it, to be announced at its end."""
    matchers = mentions.matchers()
    linked = 0
    if progress is not None:
        progress(0, len(items))
    for kind in registry.kinds():
        ids = sorted(pk for item_kind, pk in items if item_kind == kind.name)
        rows = kind.model.objects.prefetch_related(*([kind.other_names] if kind.other_names else []))
        chunks = (
            list(rows.filter(pk__in=ids[at : at + RELINK_ROWS])) for at in range(0, len(ids), RELINK_ROWS)
        )

        def arguments(chunk):
            return [
                (
                    item.body_html if from_stored else item.body,
                    from_stored,
                    item.own_term_id(),
                    item.own_names(),
                    item.language,
                )
                for item in chunk
            ]

        helpers = batch.helpers if batch is not None else None
        for chunk, results in parallel.pipelined(chunks, arguments, parallel.link_body, matchers, helpers):
            _store_links(kind, chunk, results, batch)
            linked += len(chunk)
            if progress is not None:
                progress(linked, len(items))


def _store_links(kind, rows, results, batch):
    mentioned = {}
    for item, (html, linked_ids) in zip(rows, results, strict=True):
        # Uploaded images get their WebP sources (a query only for a body with
        # uploaded images, so here, not in a helper).
        item.body_html, mentioned[item.pk] = images.with_sources(html), linked_ids
    table, pk = (
        connection.ops.quote_name(kind.model._meta.db_table),
        connection.ops.quote_name(kind.model._meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET body_html = %s WHERE {pk} = %s", [(item.body_html, item.pk) for item in rows]
        )
    store_mentions(kind, mentioned, batch)
    # The writes send no signal.
    counters.changed(keys={keys.item(item) for item in rows}, batch=batch)


def store_mentions(kind, mentioned, batch=None):
    """Replace the mention rows of the given bodies ({id: linked term ids}) in the
    field the kind registered for them: one delete and one insert."""
    if not kind.mentions or not mentioned:
        return
    field = kind.model._meta.get_field(kind.mentions)
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    rows = through.objects.filter(**{f"{source}__in": list(mentioned)})
    before = set(rows.values_list(source, target))
    after = {(pk, other) for pk, others in mentioned.items() for other in set(others)}
    if before == after:
        return
    rows.delete()
    through.objects.bulk_create(
        [through(**{source: pk, target: other}) for pk, other in sorted(after)], batch_size=1000
    )
    # Bulk writes send no m2m signal: the linked items' pages list the bodies that
    # link them (and other pages group by them), so name what changed.
    name = field.related_model._meta.model_name
    linked = {other for _, other in before ^ after}
    counters.changed(
        keys={keys.item(name, pk) for pk in linked} | {keys.mentions(name, pk) for pk in linked}, batch=batch
    )
