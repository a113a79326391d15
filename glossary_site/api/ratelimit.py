"""Requests per client address, counted in the shared cache.

A fixed window per address: the counter lives in Django's cache. With REDIS_URL
set (production), every worker on every node counts against the same number;
with the local-memory cache (no REDIS_URL) each worker process counts on its own,
so a client may make the limit times the workers. The address is the one
ForwardedForMiddleware settled on: a proxy's X-Forwarded-For counts only from
FORWARDED_ALLOW_IPS. A locked-out client is told how many seconds remain in its
window."""

import math
import time

from django.conf import settings
from django.core.cache import cache


def retry_after(address):
    """Count one request from `address`; the seconds to wait if it is over the
    limit, or None when it may go ahead (or when the limit is off)."""
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
    if limit <= 0:
        return None
    now = time.time()
    slot = int(now // window)
    key = f"api-rate:{slot}:{address}"
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
