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


def is_waiting_module(path):
    """Whether a test file is one whose tests wait on real servers or a browser: the
    whole-site tests of glossary_site/tests/ and any `*_browser.py` or `*_servers.py`.
    None of them uses a transactional test database (see waiting_modules_together)."""
    return path.startswith("glossary_site/tests/") or path.endswith(("_browser.py", "_servers.py"))


def waiting_modules_together(config, log):
    """xdist's scheduler for `--dist loadgroup`, grouping by module where it pays.

    A waiting module goes whole to one process, so its module-scoped server starts
    once; every other test is a group of its own, handed out one by one in the order
    the processes collected (pytest-django's: database tests before transactional
    ones, which empty the tables). A group is handed out at the place of its first
    test, so a group with a transactional test would run it before later database
    tests of the same process: hence only waiting modules, which have none, are
    grouped. (xdist's own loadgroup renames node ids, which pytest 9.2 ignores.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::")[0]
            return path if is_waiting_module(path) else nodeid

    # In the order collected (the waiting modules first, conftest.py), not by size.
    config.option.loadscopereorder = False
    return Scheduling(config, log)
