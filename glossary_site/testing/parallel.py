"""What keeps the processes of a parallel run (`make test`, pytest-xdist) apart.

Temporary folders, ports, SQLite files and PostgreSQL test databases are already
each worker's own (pytest's tmp_path, free_port(), pytest-django's `_gw0` suffix).
The one thing they would share is the Redis server of `make test DB=postgres`: a
test empties the cache (pagecache.clear() is a FLUSHDB), which would wipe what
another worker's test or server had just stored. So each worker takes a Redis
database of its own, numbered after it (Redis has 16; `make test` starts far fewer
workers), for its own cache and for every server it starts."""

import os
import urllib.parse


def worker_number():
    """0, 1, ... in a worker of a parallel run ("gw0", "gw1", ...); None otherwise."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(name.removeprefix("gw")) if name.startswith("gw") else None


def own_redis_url(url, number):
    """`url` pointing at Redis database number + 1 (database 0 stays a serial run's)."""
    if number is None or not url.startswith(("redis://", "rediss://")):
        return url
    if number + 1 > 15:
        raise RuntimeError("Redis has 16 databases: run at most 15 test workers.")
    return urllib.parse.urlsplit(url)._replace(path=f"/{number + 1}").geturl()
