"""A bulk operation's batch: many saves in one transaction (an import, the demo).

The batch is an object passed down the one path a save takes (`item.save(batch=b)`
and the functions that path calls), never a mode switched on for the thread. What
each save would do at once is noted here and done once when the operation ends
(`lifecycle.finish(batch)`): every body is linked against the final set of terms,
and the stored pages are told what changed in one announcement rather than one a
save. Nothing of a finished batch is left for the background worker.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Batch:
    # progress(done, total) of the bodies linked at the end, if anyone follows it.
    progress: Callable | None = None
    # The processes that render and link its bodies (markup.parallel.Helpers); None: this one.
    helpers: object = None
    # (kind name, id) of bodies saved rendered but not yet linked.
    bodies: set = field(default_factory=set)
    # Names of terms (titles, aliases, old and new) that changed: bodies that contain
    # one are linked again at the end.
    names: set = field(default_factory=set)
    # Ids of terms that changed: bodies that link one are linked again at the end.
    terms: set = field(default_factory=set)
    # (kind name, id) of bodies that linked a term deleted in the batch.
    linking: set = field(default_factory=set)
    # What the stored pages are told at the end (serving: keys, kinds whose lists
    # changed, or everything when a change could not say what it touched).
    page_keys: set = field(default_factory=set)
    page_lists: set = field(default_factory=set)
    every_page: bool = False

    def pages_changed(self, keys=(), lists=(), everything=False):
        self.page_keys |= set(keys)
        self.page_lists |= set(lists)
        self.every_page = self.every_page or everything

    def body_saved(self, kind_name, pk):
        self.bodies.add((kind_name, pk))

    def term_changed(self, pk, names):
        self.terms.add(pk)
        self.names |= set(names)
