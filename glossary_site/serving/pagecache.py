"""Anonymous pages without rendering, and never stale.

Each anonymous GET costs one query (pages.lookup: the counters and the path's
stored row). Then:
- an item's page rendered ahead by the worker (pages.py) and still fresh is joined
  with the shared fragments and sent: no template is rendered;
- any other page is looked up in the cache under a key made of the counters of
  what it shows: the view's `page_channels` ("list:term" for the glossary's index,
  the content counter, raised by every change, for pages that name nothing
  narrower), and for an item whose stored row is stale (the worker has not caught
  up), that row's generation. A miss renders and stores the page.
So the next request after a change, on any worker of any node, gets the new page.

Requests with a session cookie (staff, previews), search results and anything
that sets a cookie or is not a plain 200 are never stored.
"""

import hashlib
from collections import OrderedDict
from datetime import UTC
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date

from glossary_site.serving import fragments, pages, versions

STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Vary")
CACHE_CONTROL = "public, max-age=0, must-revalidate"
HTML = "text/html; charset=utf-8"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
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


class _RecentPages:
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


_recent = _RecentPages(500)
# Stored pages this process read lately, by path: the next read of one skips its
# HTML when its generation is unchanged; and pages joined with their fragments.
_held = _RecentPages(2000)
_joined = _RecentPages(500)


def clear():
    """Forget every cached page and fragment, shared and in this process (tests)."""
    cache.clear()
    _recent.pages.clear()
    _held.pages.clear()
    _joined.pages.clear()
    versions.forget_derived()
    fragments.forget()


@lru_cache(maxsize=4096)
def channels_of(path):
    """The counters a page's key is made of: its view's `page_channels`, or the
    content counter (every change) when the view names nothing narrower."""
    try:
        match = resolve(path)
    except Resolver404:
        return (versions.CONTENT,)
    view = getattr(match.func, "view_class", match.func)
    return tuple(getattr(view, "page_channels", (versions.CONTENT,)))


def _key(request, snapshot, row):
    if row is not None:
        # An item's page the worker has not re-rendered yet: this generation of it,
        # with the lists its sidebar shows.
        parts = ("row", row.generation, pages.build(), snapshot.lists())
    else:
        channels = channels_of(request.path)
        parts = ("page", snapshot.version(*channels), snapshot.lists())
    raw = f"{parts}:{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        held = _held.get(request.path)
        snapshot, row = pages.lookup(request.path, held.generation if held is not None else -1)
        if row is not None and row.html is None:  # the generation this process holds
            if held.build == row.build:
                row.html = held.html
            else:
                snapshot, row = pages.lookup(request.path)
        request.page_snapshot = snapshot
        request.content_version = snapshot.lists()
        if row is not None and row.fresh and not request.META.get("QUERY_STRING"):
            _held.put(request.path, row)
            return self._stored(request.path, row, snapshot)
        key = _key(request, snapshot, row)
        found = _recent.get(key) or cache.get(key)
        if found is not None:
            _recent.put(key, found)
            return self._rebuild(found)
        response = self.get_response(request)
        if _cacheable_response(response):
            self._store(key, response)
        return response

    def _stored(self, path, row, snapshot):
        key = (path, row.generation, row.build, pages.fragment_versions(row, snapshot))
        joined = _joined.get(key)
        if joined is None:
            content = pages.assemble(row, snapshot).encode()
            etag = f'"{row.etag}-{key[-1]}"'
            joined = (content, etag, http_date(pages.last_modified(row, snapshot).timestamp()))
            _joined.put(key, joined)
        content, etag, modified = joined
        response = HttpResponse(content, content_type=HTML)
        response["ETag"] = etag
        response["Last-Modified"] = modified
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Page-Cache"] = "stored"
        # What the middleware after this one would add to a rendered page.
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        response["Vary"] = "Cookie"  # staff, with a session, get another page
        return response

    def _store(self, key, response):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        response["Last-Modified"] = http_date(timezone.now().astimezone(UTC).timestamp())
        response["Cache-Control"] = CACHE_CONTROL
        headers = {
            name: response[name] for name in (*STORED_HEADERS, "ETag", "Last-Modified") if name in response
        }
        cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        _recent.put(key, (response.content, headers))

    def _rebuild(self, stored):
        content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Page-Cache"] = "hit"
        return response
