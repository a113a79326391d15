"""Rendering and linking many bodies on every core (an import of 100,000 terms).

Both are CPU work on plain values: the importing process forks helpers that
inherit the code and the term matcher already built, hand them bodies a chunk at a
time and take back the results in order, while it writes the previous chunk to the
database itself. The helpers never touch the database (the transaction stays the
importer's) and end with it. One process (the default) does everything in line.
"""

import gc
import multiprocessing
import signal
from collections import deque
from contextlib import nullcontext

from glossary_site.markup.markdown import render, rendered_parts

# What the helpers inherit, set just before they are forked: {language: term matcher}.
_forked = {"matcher": None}
IN_FLIGHT = 2  # chunks handed out ahead of the one being written: bounds the memory held


class Helpers:
    """The processes one bulk operation renders and links with (import_content
    --processes), passed to pipelined() by whoever does the work.

    start_now: fork the rendering helpers at once, while this process is small (an
    import, before it reads 100,000 files): a helper forked later shares the
    importer's pages, and keeps its own copy of each one the importer changes
    after that. The linking helpers are forked when linking starts, as they
    inherit the matcher built for it. Use as a context manager: they end with it."""

    def __init__(self, count=1, start_now=False):
        self.count = max(1, count)
        self.pool = None
        if start_now and self.count > 1:
            self.pool = _fork(self.count)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def pipelined(chunks, arguments, function, matcher=None, helpers=None):
    """(chunk, [function(argument) for each of arguments(chunk)]) for each chunk, in order.
    With helpers of more than one process, later chunks are worked on while the
    caller handles this one. `matcher`: {language: term matcher} the helpers link
    with (link_body), each body with its own language's."""
    _forked["matcher"] = matcher  # before any fork: the helpers inherit it
    if helpers is None or helpers.count <= 1:
        for chunk in chunks:
            yield chunk, [function(argument) for argument in arguments(chunk)]
        return
    # Objects made before the fork stay out of the helpers' garbage collector: visiting
    # them would copy every page they share with the importer (100,000 records, the
    # matcher) into each helper.
    gc.freeze()
    try:
        yield from _in_helpers(chunks, arguments, function, helpers)
    finally:
        gc.unfreeze()


def _in_helpers(chunks, arguments, function, helpers):
    if helpers.pool is not None and _forked["matcher"] is not None:
        # Rendering is over once linking starts: the helpers started early go first,
        # so the linking helpers are forked from a process without their threads.
        helpers.stop()
    started = helpers.pool
    with nullcontext(started) if started else _fork(helpers.count) as pool:
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


def _fork(count):
    return multiprocessing.get_context("fork").Pool(count, initializer=_default_signals)


def _default_signals():
    """A helper inherits its parent's signal handlers; a process that ran the worker
    (whose SIGTERM only asks it to stop after its task) would leave helpers that a
    pool's terminate() cannot stop. Helpers stop when told to."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def render_body(body, language=None):
    """rendered_parts() of one body, in its language."""
    return rendered_parts(body, language)


def link_body(argument):
    """(linked HTML, linked term ids) of one (text, whether it is rendered HTML already,
    own term id, own names, language); without a matcher (inside a batch), or in a
    language the site no longer has, the HTML unlinked."""
    text, is_html, own_term_id, own_names, language = argument
    html = text if is_html else render(text)
    matcher = (_forked["matcher"] or {}).get(language)
    if matcher is None:
        return html, []
    return matcher.link(html, exclude_term_id=own_term_id, own_names=own_names)
