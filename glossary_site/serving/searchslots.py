"""How many searches may run at once: one per worker process, SEARCH_CONCURRENCY on
a node (a machine's gunicorn workers). A search that finds no free slot is refused
at once (SearchBusy, which searchguard.py answers with 503 and Retry-After) rather
than queued: a queue of searches would hold the very workers that pages need.

Why these two counts. In one process, a second search beside the first (gthread or
ASGI threads) only shares its interpreter and takes the process's other threads
with it, so a process runs one at a time; the check costs nothing. Across the
node's processes, a slot is an exclusive lock (flock) on one of SEARCH_CONCURRENCY
files in SEARCH_SLOTS_DIR: kept below the node's workers, the node is never all
searches, and the rest answer pages. The kernel gives a lock back when its process
ends, killed or not, so a dead worker never holds a slot, and no clock is involved.

Why per node and not in the shared cache: a slot protects a machine's workers, and
only locks on that machine can say what its workers are doing whatever the cache
is. A count in Redis would let all the slots land on one node, would need expiry to
survive a killed worker, and without REDIS_URL (a single machine) would count per
process, which protects nothing when workers are processes."""

import contextlib
import fcntl
import os
import threading
from pathlib import Path

from django.conf import settings


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
        slot = take_node_slot()
        if slot is None:
            raise SearchBusy
        try:
            yield
        finally:
            give_back_node_slot(slot)
    finally:
        _this_process.release()


def take_node_slot():
    """One of the node's slots, now held by this process until given back or until
    the process ends; None when every one is held. search_slot() takes one."""
    directory = Path(settings.SEARCH_SLOTS_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for index in range(settings.SEARCH_CONCURRENCY):
        # Opened for each search, never inherited: a descriptor shared across a fork
        # would share its lock with the other process.
        handle = os.open(directory / f"slot-{index}", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            continue
        return handle
    return None


def give_back_node_slot(slot):
    os.close(slot)  # closing the descriptor drops its lock
