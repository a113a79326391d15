"""How many searches may run at once: one per worker process, SEARCH_CONCURRENCY
across the site. A search that finds no free slot is refused at once (SearchBusy,
which searchguard.py answers with 503 and Retry-After) rather than queued: a queue
of searches would hold the workers that pages need.

Why two counts. In one process, a second search beside the first (gthread or ASGI
threads) only shares its interpreter and takes that process's other threads with it,
so the process runs one at a time; the check costs nothing and needs no cache. Across
processes and nodes the slots are keys in the shared cache, SEARCH_CONCURRENCY of
them: kept below one node's workers, no node can ever be all searches, and the rest
answer pages. Taking a slot is an atomic cache.add(); a slot lives at most
SEARCH_SLOT_SECONDS (gunicorn's timeout, after which it would have killed the
search's worker anyway), so a killed worker's slot frees itself. The deadline is
kept in the slot too and checked by the taker, so the slot also frees on the
site's own clock. With the local-memory cache (no REDIS_URL) each process sees only
its own slots: the site-wide count then holds per process, like the rate limits."""

import contextlib
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache


class SearchBusy(Exception):
    """No search slot is free: the request is refused rather than queued."""


_this_process = threading.BoundedSemaphore(1)


@contextlib.contextmanager
def search_slot():
    """Hold a slot for the work a search cannot answer from what is kept; raises
    SearchBusy when none is free. Not re-entrant: take it once, around the work."""
    if not _this_process.acquire(blocking=False):
        raise SearchBusy
    try:
        taken = take_site_slot()
        if taken is None:
            raise SearchBusy
        try:
            yield
        finally:
            give_back_site_slot(taken)
    finally:
        _this_process.release()


def _key(index):
    return f"search-slot:{index}"


def take_site_slot():
    """One of the site-wide slots, now ours, to give back; None when all are held.
    search_slot() takes one; on its own it stands for another worker's search."""
    token = uuid.uuid4().hex
    seconds = settings.SEARCH_SLOT_SECONDS
    now = time.time()
    mine = (token, now + seconds)
    for index in range(settings.SEARCH_CONCURRENCY):
        key = _key(index)
        if cache.add(key, mine, seconds):
            return key, token
        held = cache.get(key)
        if held is not None and held[1] <= now:
            # Past its deadline: its search ended without giving it back. Two takers
            # may race here; reading it back leaves it to the last one.
            cache.set(key, mine, seconds)
            if cache.get(key) == mine:
                return key, token
    return None


def give_back_site_slot(taken):
    key, token = taken
    held = cache.get(key)
    # Only ours: past its deadline another search may have taken it over.
    if held is not None and held[0] == token:
        cache.delete(key)
