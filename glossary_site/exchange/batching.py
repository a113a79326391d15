"""Every call an import (and load_demo) makes to the save path's batch modes, in one place.

An import writes in one transaction and one batch: the term matcher is built once,
every body linked at the end against the final set of terms, the new documents
indexed before that linking searches them. Items created in bulk get here what
save() would have done for each. These are today's thread-local modes
(mentions.batch(), versions.coalesced() through it, indexing.indexed_at_end()) and
the bulk hooks; an explicit content.batch.Batch replaces them here and nowhere else.
"""

from contextlib import contextmanager

from django.db import transaction

from glossary_site.content import redirects
from glossary_site.markup import mentions
from glossary_site.search import indexing
from glossary_site.serving import pages


@contextmanager
def one_batch(progress=None):
    """One transaction and one batch around an import's writes. progress(done, total):
    the bodies linked when the batch ends."""
    with (
        transaction.atomic(),
        mentions.batch(progress=progress),
        # Innermost: the new documents are indexed before the batch links the
        # bodies, which searches them for the new terms' names.
        indexing.indexed_at_end(),
    ):
        yield


def after_bulk_create(kind, items, texts, words):
    """What save() does after writing a new item, for a chunk created in bulk: the
    old addresses their slugs take over, their search rows (`texts`: each body's
    plain text; `words` gathers the "did you mean" words), their names for the
    linker, their stored pages."""
    redirects.taken_over(kind.name, [item.slug for item in items])
    indexing.index_new(items, texts, words)
    mentions.created(items, kind.link_target)
    pages.items_created(items)
