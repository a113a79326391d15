"""An import's one transaction and one batch (content/batch.py).

An import writes in one transaction and one batch: the term matcher is built once,
every body linked at the end against the final set of terms, the new documents
indexed before that linking searches them. Items created in bulk get here what
save() would have done for each (lifecycle.created).
"""

from contextlib import contextmanager

from django.db import transaction

from glossary_site import lifecycle
from glossary_site.content.batch import Batch
from glossary_site.search import indexing


@contextmanager
def one_batch(progress=None, helpers=None):
    """One transaction and one Batch around an import's writes, finished at its end.
    progress(done, total): the bodies linked when the batch ends; helpers: the
    processes that render and link (markup.parallel.Helpers)."""
    batch = Batch(progress=progress, helpers=helpers)
    with transaction.atomic():
        # The new documents are indexed before the batch links the bodies, which
        # searches them for the new terms' names.
        with indexing.indexed_at_end():
            yield batch
        lifecycle.finish(batch)


def after_bulk_create(kind, items, texts, words, batch):
    """What save() does after writing a new item, for a chunk created in bulk: the
    old addresses their slugs take over, their search rows (`texts`: each body's
    plain text; `words` gathers the "did you mean" words), their names for the
    linker, their stored pages."""
    lifecycle.created(kind, items, texts, words, batch)
