"""Health endpoints for load balancers and orchestrators: cheap and never cached.

/livez says the process answers; /healthz also proves the database and the cache
answer, and names what failed with a 503 so an operator sees why a node is out.
"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

PROBE_KEY = "healthz-probe"


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not healthy"; the reason is in the logs
        return False


def _cache_ok():
    try:
        cache.set(PROBE_KEY, "ok", 10)
        return cache.get(PROBE_KEY) == "ok"
    except Exception:
        return False


@never_cache
def livez(request):
    return JsonResponse({"status": "ok"})


@never_cache
def healthz(request):
    failed = [name for name, ok in (("database", _database_ok()), ("cache", _cache_ok())) if not ok]
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})
