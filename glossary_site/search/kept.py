"""Search answers kept in the cache, as pages are: the rows of a results page and
the search box's suggestions, so that a repeated query costs a cache read.

The answers are kept apart from the HTML: the page shows the query as the reader
typed it, while the answer depends only on the query as search reads it
(normalised()), so "Cache", " cache " and "cache" share one answer. The search view
keeps a page too, under the same version, for readers without cookies.

Never stale: the caller names the version of the content the answer is kept for
(the view passes the serving counters every change raises, read before the search
runs, as the page cache does), so an answer computed before a change is under a
key no request after it asks for. The caller passes None to keep nothing: when a
timed change is due and the counters have not been raised for it yet.
"""

import hashlib
import string
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from glossary_site.search import results, suggestions

# Only ASCII letters change case here: the database's case-blind matches (SQLite's
# LIKE) fold those alone, so other letters may give another answer in another case.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def normalised(text):
    """The query search is run on: spaces collapsed, ASCII letters in lower case.
    Search folds case itself (names, ranking, "did you mean", suggestions), so this
    changes no answer but lets the queries that differ only so share one."""
    return " ".join(text.split()).translate(_ASCII_LOWER)


@dataclass(frozen=True)
class ResultsPage:
    """What one page of results shows of a search, besides the query itself."""

    results: list  # this page's results.Result rows
    suggestion: str | None  # "did you mean", when nothing was found
    shown_for: str | None  # the suggestion whose results are shown instead
    found_any: bool  # on any page
    more: bool  # another page follows
    total: int


def results_page(text, number, literal, language):
    """The page `number` of results for a query (normalised()), with its "did you
    mean": the whole cost of a search that was not kept."""
    per_page = results.RESULT_LIMIT
    # One more than the page holds says whether a next page exists, without counting all.
    limit = number * per_page + 1
    found, suggestion, shown_for = suggestions.corrected(text, limit, literal, language)
    first = (number - 1) * per_page
    shown = found[first : first + per_page]
    more = len(found) > first + per_page
    # Counted only when this page does not end the results: else its last number is the total.
    total = results.total(shown_for or text, len(found), language) if more else first + len(shown)
    return ResultsPage(shown, suggestion, shown_for, bool(found), more, total)


def key(what, version, *parts):
    """The cache key of an answer: what it is, the content version it was computed
    for, and everything it depends on (the normalised query, the language...); None
    for no version (keep nothing)."""
    if version is None:
        return None
    raw = repr((what, version, parts))
    return "search:" + hashlib.sha256(raw.encode()).hexdigest()


def read(key):
    """The kept answer, or None."""
    return None if key is None else cache.get(key)


def keep(key, answer):
    if key is not None:
        # The key changes with the content, so the timeout only frees memory.
        cache.set(key, answer, settings.PAGE_CACHE_SECONDS)
