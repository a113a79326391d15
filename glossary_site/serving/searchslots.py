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
process, which protects nothing when workers are processes.

A slot also owes rest for each search (SEARCH_SHARE): a search that held it for t
seconds adds t × (1 / SEARCH_SHARE − 1) to the rest it owes, which runs down as time
passes, and a slot owing more than REST_ALLOWANCE is closed until it owes less. So
under a flood search takes at most that share of each slot's worker and the rest
answers pages, while a reader's few searches in a row, which owe far less than the
allowance, are never turned away. The time the slot has rested enough is written in
its file, on the machine's monotonic clock (the same for every process, never set
back); a rest far longer than any search could earn (a file from before the machine
restarted) is ignored."""

import contextlib
import fcntl
import os
import struct
import threading
import time
from pathlib import Path

from django.conf import settings


class SearchBusy(Exception):
    """No search slot is free: the request is refused rather than queued."""


_this_process = threading.BoundedSemaphore(1)
# The rest written in a slot's file: when it is free again, in seconds on the
# monotonic clock, as a double.
_REST = struct.Struct("d")
# No slot owes more rest than this (searches are bounded well under it): a file
# saying otherwise is from before a restart.
LONGEST_REST = 60.0
# The rest a slot may owe and still be taken: searches in a row (a reader paging
# through results, the search box as they type) owe a fraction of it.
REST_ALLOWANCE = 2.0


@contextlib.contextmanager
def search_slot(now=time.monotonic):
    """Hold a slot for the work a search cannot answer from what is kept; raises
    SearchBusy when none is free. Not re-entrant: take it once, around the work."""
    if not _this_process.acquire(blocking=False):
        raise SearchBusy
    try:
        slot = take_node_slot(now)
        if slot is None:
            raise SearchBusy
        try:
            yield
        finally:
            give_back_node_slot(slot, now)
    finally:
        _this_process.release()


def may_search(now=time.monotonic):
    """Whether a search asked now could take a slot: this process's is free and one
    of the node's is neither held nor owing more rest than it may. For refusing a search before the rest
    of the site's middleware runs; search_slot() still decides."""
    if not _this_process.acquire(blocking=False):
        return False
    try:
        slot = take_node_slot(now)
        if slot is None:
            return False
        os.close(slot.handle)  # given back untouched: no search ran, so no rest
        return True
    finally:
        _this_process.release()


class Slot:
    """A slot held: its locked file, when it was taken and the rest it owed then."""

    def __init__(self, handle, taken, owed=0.0):
        self.handle, self.taken, self.owed = handle, taken, owed


def take_node_slot(now=time.monotonic):
    """One of the node's slots, now held by this process until given back or until
    the process ends; None when every one is held or resting. search_slot() takes one."""
    directory = settings.SEARCH_SLOTS_DIR
    for index in range(settings.SEARCH_CONCURRENCY):
        # Opened for each search, never inherited: a descriptor shared across a fork
        # would share its lock with the other process.
        handle = _open_slot(directory, index)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            continue
        moment = now()
        owed = _rested_at(handle) - moment
        if REST_ALLOWANCE < owed <= LONGEST_REST:
            os.close(handle)
            continue
        return Slot(handle, moment, owed if owed <= LONGEST_REST else 0.0)
    return None


def _open_slot(directory, index):
    """The slot's file, opened; its directory made first if it is not there (the
    first search, or after someone emptied it)."""
    path = os.path.join(directory, f"slot-{index}")
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC
    try:
        return os.open(path, flags, 0o600)
    except FileNotFoundError:
        Path(directory).mkdir(mode=0o700, parents=True, exist_ok=True)
        return os.open(path, flags, 0o600)


def give_back_node_slot(slot, now=time.monotonic):
    share = settings.SEARCH_SHARE
    if share < 1:
        moment = now()
        held = min(max(moment - slot.taken, 0.0), LONGEST_REST)
        # What it owed when taken, less the time since, plus this search's share.
        owed = max(slot.owed - held, 0.0) + held * (1 / share - 1)
        os.pwrite(slot.handle, _REST.pack(moment + min(owed, LONGEST_REST)), 0)
    os.close(slot.handle)  # closing the descriptor drops its lock


def _rested_at(handle):
    written = os.pread(handle, _REST.size, 0)
    return _REST.unpack(written)[0] if len(written) == _REST.size else 0.0
