"""A page cache that is never stale: anonymous GETs are answered from the cache
while the content has not changed since the page was stored.

Every change of content (any save or delete of a term, article, alias, tag,
author or redirect, and every relinking) raises the "content" counter in the same
transaction (ContentVersion), and the counter is part of each cache key. A hit
therefore costs one primary-key lookup and one cache read, no rendering, and the
next request after a change, on any worker of any node, misses and renders.
Scheduled items: the counter row also holds the time of the next scheduled
publication; once it has passed, the first request raises the counter itself.

Requests with a session cookie (staff, previews), search results and anything
that sets a cookie or is not a plain 200 are never stored.
"""

import hashlib
from collections import OrderedDict
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date

from glossary_site.serving import versions

STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Vary")
CACHE_CONTROL = "public, max-age=0, must-revalidate"


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
    a hit then costs no unpickling. Safe because keys carry the content counter."""

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


def clear():
    """Forget every stored page, shared and in this process (tests, after a restore)."""
    cache.clear()
    _recent.pages.clear()
    versions.forget_derived()


def _key(version, request):
    raw = f"{version}:{request.get_host()}:{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        request.content_version = versions.current_content()
        key = _key(request.content_version, request)
        stored = _recent.get(key) or cache.get(key)
        if stored is not None:
            _recent.put(key, stored)
            return self._rebuild(stored)
        response = self.get_response(request)
        if _cacheable_response(response):
            self._store(key, response)
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
