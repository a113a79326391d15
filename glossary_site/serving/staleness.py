"""Which stored pages a change makes stale, marked in the changing transaction.

A change names its keys (serving/keys.py); the pages whose recorded dependencies
(PageDependency) include one are marked stale and get a new generation, so no
request serves them and the worker renders them again (serving/pages.py). The
keys are also logged (PageChange) for renders in flight while the change commits.
"""

from django.db import connection, transaction
from django.db.models import F

from glossary_site.serving import pages
from glossary_site.serving.models import PageChange, PageDependency, StoredPage

MARK_CHUNK = 500  # keys or paths a statement names


def invalidate(keys, everything=False):
    """Mark stale the stored pages that show any of `keys` (inside the change's
    transaction), log the keys, and have the worker render them after the commit."""
    if everything:
        StoredPage.objects.update(stale=True, generation=F("generation") + 1)
        keys = {"*"}
    elif not keys:
        return
    else:
        keys = set(keys)
        PageChange.objects.bulk_create([PageChange(key=key) for key in keys])
        _mark(keys)

    def after_commit():
        # Again, for renders stored while this change was in flight (pages.store()),
        # where writes interleave. SQLite writes one transaction at a time: a render
        # stored before this change began has its dependencies marked above, and one
        # stored after it committed finds its keys in the change log. Each mark
        # rewrites whole rows, stored HTML and all.
        if "*" not in keys and not _writes_one_at_a_time():
            _mark(keys)
        pages.render_stale.enqueue(chunks=pages.WORKER_CHUNKS)

    transaction.on_commit(after_commit)


def _writes_one_at_a_time():
    return connection.vendor == "sqlite"


def _mark(keys):
    keys, paths = sorted(keys), set()
    for start in range(0, len(keys), MARK_CHUNK):
        chunk = keys[start : start + MARK_CHUNK]
        paths |= set(PageDependency.objects.filter(key__in=chunk).values_list("path", flat=True))
    # The paths as values, not a subquery: given `path IN (SELECT ...)`, SQLite scans
    # every stored page (see bench/README.md).
    paths = sorted(paths)
    for start in range(0, len(paths), MARK_CHUNK):
        StoredPage.objects.filter(path__in=paths[start : start + MARK_CHUNK]).update(
            stale=True, generation=F("generation") + 1
        )
