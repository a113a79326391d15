"""Anonymous pages without rendering, and never stale.

Each anonymous GET costs one query (reading.lookup: the counters and the path's
stored row), or none on SQLite while the database has not changed since this
process last looked the path up (db.change_token()). Then:
- an item's page rendered ahead by the worker (pages.py) and still fresh is joined
  with the shared fragments and sent: no template is rendered;
- any other page is looked up in the cache under a key made of the counters of
  what it shows: the view's `page_channels` ("list:term" for the glossary's index,
  the content counter, raised by every change, for pages that name nothing
  narrower), and for an item whose stored row is stale (the worker has not caught
  up), that row's generation. A miss renders and stores the page.
So the next request after a change, on any worker of any node, gets the new page.
A timed change (a scheduled item or change) raises no counter at its moment: from
then until the worker has made it public, requests are rendered from the database
and neither served from nor kept in the store or the cache.

Requests with a session cookie (staff, previews), renders ahead (pages.py),
search results and anything that sets a cookie or is not a plain 200 are never
stored. Every answer to a GET, whichever way it took, carries Vary: Cookie, so a
shared cache in front keeps staff pages and readers' pages apart.
"""

import hashlib
import time
from collections import OrderedDict
from datetime import UTC
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.csp import CSP, build_policy
from django.utils.http import http_date, parse_http_date_safe

from glossary_site.serving import builds, counters, db, fragments, middleware, pages, reading

STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Vary")
CACHE_CONTROL = "public, max-age=0, must-revalidate"
HTML = "text/html; charset=utf-8"
PRECONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


@lru_cache(maxsize=1)
def _page_headers():
    """Headers every stored page is sent with, converted once: what the middleware
    after this one adds to a rendered page (X-Frame-Options), what a page cached for
    sessions would vary on, and the policy the CSP middleware before this one would
    build for a page that uses no nonce (none of the stored pages does; the
    middleware keeps a header that is already there)."""
    headers = {
        "Content-Type": HTML,
        "Cache-Control": CACHE_CONTROL,
        "X-Page-Cache": "stored",
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "Vary": "Cookie",  # staff, with a session, get another page
    }
    for header, config in (
        (CSP.HEADER_ENFORCE, settings.SECURE_CSP),
        (CSP.HEADER_REPORT_ONLY, settings.SECURE_CSP_REPORT_ONLY),
    ):
        if config:
            headers[str(header)] = build_policy(config)
    return headers


def _conditional(request, response, etag, last_modified):
    """304 or 412 for a request with preconditions, as ConditionalGetMiddleware would
    answer (it sits after this middleware, for rendered pages)."""
    if request.method == "GET" and any(name in request.META for name in PRECONDITIONS):
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    return response


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # /de/search/ as /search/: the prefixes name the pages of every language.
        and not middleware.without_language(request.path).startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
        and not request.path.startswith("/" + getattr(settings, "ADMIN_PATH", "admin/"))
    )


def _cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class RecentPages:
    """The last few hundred pages this process served, in front of the shared cache:
    a hit then costs no unpickling. Safe because keys carry the counters."""

    def __init__(self, size):
        self.size, self.pages = size, OrderedDict()

    def get(self, key):
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
        return page

    def put(self, key, page):
        self.pages[key] = page
        if len(self.pages) > self.size:
            self.pages.popitem(last=False)


_recent = RecentPages(500)
# Stored pages this process read lately, by path: the next read of one skips its
# HTML when its generation is unchanged; and pages joined with their fragments.
_held = RecentPages(2000)
_joined = RecentPages(500)
# What reading.lookup() answered for a path, with the database's change token then:
# while the token is equal (nothing committed anywhere) the answer still holds.
_looked_up = RecentPages(2000)


def clear():
    """Forget every cached page and fragment, shared and in this process (tests)."""
    cache.clear()
    _recent.pages.clear()
    _held.pages.clear()
    _joined.pages.clear()
    _looked_up.pages.clear()
    fragments.forget()
    reading.snapshot_of.cache_clear()


@lru_cache(maxsize=4096)
def channels_of(path):
    """The counters a page's key is made of: its view's `page_channels`, or the
    content counter (every change) when the view names nothing narrower."""
    try:
        match = resolve(path)
    except Resolver404:
        return (counters.CONTENT,)
    view = getattr(match.func, "view_class", match.func)
    return tuple(getattr(view, "page_channels", (counters.CONTENT,)))


def _valid_until(snapshot):
    """Until when an unchanged database means an unchanged answer: the next timed
    change (due from then until the worker makes it public) and the new year (the
    footer shows it)."""

    def compute():
        now = timezone.localtime()
        times = [now.replace(year=now.year + 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)]
        if snapshot.next_change_at is not None:
            times.append(snapshot.next_change_at)
        return min(times).timestamp()

    return snapshot.remember("valid until", compute)


def _key(request, snapshot, row):
    if row is not None:
        # An item's page the worker has not re-rendered yet: this generation of it,
        # with the lists its sidebar shows.
        parts = ("row", row.generation, builds.current(), snapshot.lists())
    else:
        channels = channels_of(request.path)
        parts = ("page", snapshot.numbers_of(*channels), snapshot.lists())
    raw = f"{parts}:{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def lookup(path):
    """reading.lookup(path), answered again from memory while the database is
    unchanged (db.change_token()): no query for a page asked for again. Search's
    kept answers read the counters through it too (glossary_site/search_pages.py)."""
    # The token is read before the query: a change committed in between gives
    # the next request another token, so it looks again.
    token = db.change_token()
    if token is not None:
        known = _looked_up.get(path)
        if known is not None and known[0] == token and time.time() < known[3]:
            return known[1], known[2]
    held = _held.get(path)
    snapshot, row = reading.lookup(path, held.generation if held is not None else -1)
    if row is not None and row.html is None:  # the generation this process holds
        if held.build == row.build:
            row.html = held.html
        else:
            snapshot, row = reading.lookup(path)
    # Not inside a transaction: what it read may yet be rolled back.
    if token is not None and not connection.in_atomic_block:
        _looked_up.put(path, (token, snapshot, row, _valid_until(snapshot)))
    return snapshot, row


def kept(key):
    """What the shared cache holds under `key`, read through this process's recent
    pages (no unpickling for a page served again): for answers kept under keys that
    carry the counters, as search's are."""
    found = _recent.get(key) or cache.get(key)
    if found is not None:
        _recent.put(key, found)
    return found


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        if request.method in ("GET", "HEAD") and "Cookie" not in response.get("Vary", ""):
            # Whether the page was stored, cached, rendered now or rendered for staff:
            # a shared cache in front must never hand one person's page to another,
            # and a session cookie is what tells staff pages apart.
            patch_vary_headers(response, ("Cookie",))
        return response

    def _respond(self, request):
        if not _cacheable_request(request) or pages.recording(request):
            return self.get_response(request)
        snapshot, row = lookup(request.path)
        if snapshot.due():
            # A timed change's moment has passed and the worker has not made it public
            # yet: what was stored or cached may show the content from before it. This
            # request reads the content itself (nothing remembered from the counters,
            # which the moment did not raise) and keeps nothing.
            return self.get_response(request)
        request.page_snapshot = snapshot
        if row is not None and row.fresh and not request.META.get("QUERY_STRING"):
            _held.put(request.path, row)
            return self._stored(request, row, snapshot)
        key = _key(request, snapshot, row)
        found = _recent.get(key) or cache.get(key)
        if found is not None:
            _recent.put(key, found)
            return self._rebuild(request, found)
        response = self.get_response(request)
        if _cacheable_response(response):
            self._store(key, response)
        return response

    def _stored(self, request, row, snapshot):
        key = (request.path, row.generation, row.build, reading.fragments_tag(row, snapshot))
        joined = _joined.get(key)
        if joined is None:
            content = reading.assemble(row, snapshot).encode()
            modified = int(reading.last_modified(row, snapshot).timestamp())
            headers = {
                **_page_headers(),
                "ETag": f'"{row.etag}-{key[-1]}"',
                "Last-Modified": http_date(modified),
            }
            joined = (content, headers, modified)
            _joined.put(key, joined)
        content, headers, modified = joined
        response = HttpResponse(content, headers=headers)
        return _conditional(request, response, headers["ETag"], modified)

    def _store(self, key, response):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        response["Last-Modified"] = http_date(timezone.now().astimezone(UTC).timestamp())
        response["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(response, ("Cookie",))
        headers = {
            name: response[name] for name in (*STORED_HEADERS, "ETag", "Last-Modified") if name in response
        }
        cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        _recent.put(key, (response.content, headers))

    def _rebuild(self, request, stored):
        content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Page-Cache"] = "hit"
        modified = headers.get("Last-Modified")
        return _conditional(
            request, response, headers.get("ETag"), modified and parse_http_date_safe(modified)
        )
