"""Requests per client, counted in the shared cache: the public API's limit and
search's (glossary_site/serving/searchguard.py) each count under a scope of their own.

A fixed window per client: the counter lives in Django's cache. With REDIS_URL
set (production), every worker on every node counts against the same number;
with the local-memory cache (no REDIS_URL) each worker process counts on its own,
so a client may make the limit times the workers. The client is the address
ForwardedForMiddleware settled on (security.client_ip): a proxy's X-Forwarded-For
counts only from FORWARDED_ALLOW_IPS. A locked-out client is told how many seconds
remain in its window."""

import math
import time

from django.core.cache import cache

from glossary_site.serving.security import client_ip


def retry_after(scope, request, limit, window):
    """Count one request of `scope` from the request's client; the seconds to wait if
    it is over `limit` requests in `window` seconds, or None when it may go ahead (or
    when the limit is off: 0)."""
    if limit <= 0:
        return None
    now = time.time()
    slot = int(now // window)
    key = f"{scope}-rate:{slot}:{client_ip(request)}"
    # Every request but a window's first finds the key: incr() first is one cache
    # operation for them, where add() first was two.
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first request (or its key expired)
        # add() is atomic on every backend: of two first requests, one creates the key.
        count = 1 if cache.add(key, 1, window + 1) else cache.incr(key)
    if count <= limit:
        return None
    return max(1, math.ceil((slot + 1) * window - now))
