"""Bodies stored by an older renderer, rendered again by the background worker.

Every item carries the renderer version that made its stored HTML (stamped by
lifecycle.prepare and imports). When markdown.RENDERER_VERSION goes up, the
worker's `rerender_stale` task renders every older body again, a chunk at a
time, each chunk in its own transaction and as one Batch, down the path a batch
of saves takes after its render: the search document, the links (linked again
from the stored, unlinked HTML, as lifecycle.finish does), the stored pages told
what changed. The new stamp is written with the new HTML, so a worker killed
half way loses at most the chunk it was in; `run_worker` queues the task at every
start, and it carries on from the bodies still stamped older.
"""

import logging

from django.db import transaction
from django.tasks import task

from glossary_site.content import registry
from glossary_site.content.batch import Batch
from glossary_site.content.limits import MarkdownTooComplex
from glossary_site.markup import relinking
from glossary_site.markup.markdown import RENDERER_VERSION, rendered_parts
from glossary_site.search import indexing
from glossary_site.serving import counters, invalidation

logger = logging.getLogger(__name__)

CHUNK = 200  # bodies rendered, linked and written per transaction


def stale(kind):
    return kind.model.objects.filter(renderer_version__lt=RENDERER_VERSION)


@task()
def rerender_stale():
    """Render again every body an older renderer made; the number rendered."""
    done = 0
    while rendered := rerender_chunk():
        done += rendered
    return done


def rerender_chunk(size=CHUNK):
    """Render, link and store up to `size` stale bodies of one kind, in one
    transaction; 0 when none is left."""
    for kind in registry.kinds():
        with transaction.atomic():
            # Locked until they are written: an editor's save in between waits, and
            # is then the newer render.
            rows = list(stale(kind).select_for_update().order_by("pk")[:size])
            if not rows:
                continue
            batch = Batch()
            for item in rows:
                _render_again(kind, item, batch)
            relinking.relink(batch.bodies, from_stored=True, batch=batch)
            counters.announce_batch(batch)
            return len(rows)
    return 0


def _render_again(kind, item, batch):
    card_before = invalidation.card_values(item)
    try:
        html, item.reading_time, item.toc_html, text = rendered_parts(item.body, item.language)
    except MarkdownTooComplex:
        # Saved under other limits: it keeps the page it has until an editor edits it.
        logger.warning("%s %s is over the renderer's limits; not rendered again", kind.name, item.pk)
        kind.model.objects.filter(pk=item.pk).update(renderer_version=RENDERER_VERSION)
        return
    item.body_html, item.renderer_version = html, RENDERER_VERSION
    # An UPDATE, not save(): a new render is no edit (no revision, version or
    # "updated" date), and the row is locked by this transaction.
    kind.model.objects.filter(pk=item.pk).update(
        body_html=html,
        toc_html=item.toc_html,
        reading_time=item.reading_time,
        renderer_version=RENDERER_VERSION,
    )
    indexing.index(item, text)
    batch.body_saved(kind.name, item.pk)
    invalidation.item_saved(item, card_before, batch)
