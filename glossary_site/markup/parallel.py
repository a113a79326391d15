"""Rendering and linking many bodies on every core (an import of 100,000 terms).

Both are CPU work on plain values: the importing process forks helpers that
inherit the code and the term matcher already built, hand them bodies a chunk at a
time and take back the results in order, while it writes the previous chunk to the
database itself. The helpers never touch the database (the transaction stays the
importer's) and end with it. One process (the default) does everything in line.
"""

import gc
import multiprocessing
import threading
from collections import deque
from contextlib import contextmanager, nullcontext

from glossary_site.markup.markdown import render, rendered_parts

_local = threading.local()
_forked = {"matcher": None}  # what the helpers inherit
IN_FLIGHT = 2  # chunks handed out ahead of the one being written: bounds the memory held


def processes():
    return getattr(_local, "processes", 1)


@contextmanager
def using(count, start_now=False):
    """Render and link with `count` processes inside the block (import_content --processes).

    start_now: fork the rendering helpers at once, while this process is small (an
    import, before it reads 100,000 files): a helper forked later shares the
    importer's pages, and keeps its own copy of each one the importer changes
    after that. The linking helpers are forked when linking starts, as they
    inherit the matcher built for it."""
    before = processes(), getattr(_local, "pool", None)
    _local.processes = max(1, count)
    _local.pool = None
    if start_now and _local.processes > 1:
        _local.pool = multiprocessing.get_context("fork").Pool(_local.processes)
    try:
        yield
    finally:
        if _local.pool is not None:
            _stop(_local.pool)
        _local.processes, _local.pool = before


def _stop(pool):
    pool.terminate()
    pool.join()


def pipelined(chunks, arguments, function, matcher=None):
    """(chunk, [function(argument) for each of arguments(chunk)]) for each chunk, in order.
    With more than one process, later chunks are worked on while the caller handles
    this one. `matcher`: the term matcher the helpers link with (link_body)."""
    if processes() <= 1:
        _forked["matcher"] = matcher
        for chunk in chunks:
            yield chunk, [function(argument) for argument in arguments(chunk)]
        return
    _forked["matcher"] = matcher  # before the fork: the helpers inherit it
    # Objects made before the fork stay out of the helpers' garbage collector: visiting
    # them would copy every page they share with the importer (100,000 records, the
    # matcher) into each helper.
    gc.freeze()
    try:
        yield from _in_helpers(chunks, arguments, function)
    finally:
        gc.unfreeze()


def _in_helpers(chunks, arguments, function):
    started = getattr(_local, "pool", None)
    if started is not None and _forked["matcher"] is not None:
        # Rendering is over once linking starts: the helpers started early go first,
        # so the linking helpers are forked from a process without their threads.
        _stop(started)
        started = _local.pool = None
    with nullcontext(started) if started else multiprocessing.get_context("fork").Pool(processes()) as pool:
        pending = deque()
        for chunk in chunks:
            work = arguments(chunk)
            pending.append((chunk, pool.map_async(function, work, chunksize=max(1, len(work) // 8))))
            if len(pending) > IN_FLIGHT:
                done, results = pending.popleft()
                yield done, results.get()
        while pending:
            done, results = pending.popleft()
            yield done, results.get()


def render_body(body):
    """rendered_parts() of one body."""
    return rendered_parts(body)


def link_body(argument):
    """(linked HTML, linked term ids) of one (text, whether it is rendered HTML already,
    own term id, own names); without a matcher (inside a batch), the HTML unlinked."""
    text, is_html, own_term_id, own_names = argument
    html = text if is_html else render(text)
    if _forked["matcher"] is None:
        return html, []
    return _forked["matcher"].link(html, exclude_term_id=own_term_id, own_names=own_names)
