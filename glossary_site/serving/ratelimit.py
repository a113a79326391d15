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
    # add() is atomic on every backend: the first request of a window creates the key.
    if cache.add(key, 1, window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, window + 1)
            count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((slot + 1) * window - now))
