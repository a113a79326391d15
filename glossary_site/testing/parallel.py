"""What keeps the processes of a parallel run (`make test`, pytest-xdist) apart, and
how the tests are shared out among them so that they finish together.

Temporary folders, ports, SQLite files and PostgreSQL test databases are already
each worker's own (pytest's tmp_path, free_port(), pytest-django's `_gw0` suffix).
The one thing they would share is the Redis server of `make test DB=postgres`: a
test empties the cache (pagecache.clear() is a FLUSHDB), which would wipe what
another worker's test or server had just stored. So each worker takes a Redis
database of its own, numbered after it (Redis has 16; `make test` starts far fewer
workers), for its own cache and for every server it starts."""

import os
import urllib.parse
from collections import defaultdict

# Where the seconds each test took in the last run are kept (pytest's cache folder,
# .pytest_cache), to hand the longest work out first in the next one.
SECONDS_KEY = "glossary/test-seconds"
# A test's guessed seconds when no earlier run timed it (a fresh clone, a new test,
# `-p no:cacheprovider`): what such a test roughly takes, by kind. Only the order
# they give matters.
GUESS_SERVERS, GUESS_BROWSER, GUESS_OTHER = 8.0, 2.0, 0.1


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
    One that uses a transactional test database still goes after the database tests
    (longest_first()), since it empties the tables their migrations filled."""
    return path.startswith("glossary_site/tests/") or path.endswith(("_browser.py", "_servers.py"))


def module_of(nodeid):
    return nodeid.split("::")[0]


# What makes a test's database transactional (pytest-django), as a module's source
# would say it; conftest.py files request none of them.
TRANSACTIONAL_WORDS = (
    "transaction=True",
    "reset_sequences=True",
    "transactional_db",
    "live_server",
    "TransactionTestCase",
)


def mentions_transactions(path, root):
    """Whether a test module may hold a test with a transactional database."""
    try:
        source = (root / path).read_text(encoding="utf-8")
    except OSError:
        return True
    return any(word in source for word in TRANSACTIONAL_WORDS)


def database_order(item):
    """pytest-django's order of a test: 0 with the test database, 1 with a transactional
    one (which empties the tables, so it must come after every 0 of its process),
    2 with none (free to go anywhere; counted with the 0s here)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    fixtures = getattr(item, "fixturenames", ())
    return 1 if transactional or "transactional_db" in fixtures or "live_server" in fixtures else 0


def guessed_seconds(item):
    if item.get_closest_marker("servers"):
        return GUESS_SERVERS
    if item.get_closest_marker("browser"):
        return GUESS_BROWSER
    return GUESS_OTHER


def longest_first(items, seconds):
    """Sort a worker's collection (every worker sorts it alike, and the scheduler hands
    it out in that order): the waiting modules first, then the others, those with a
    transactional database after the rest; longest module first, a module's tests
    together in pytest's order. `seconds` maps node ids to what they took last time
    (SECONDS_KEY)."""
    cost = {item.nodeid: seconds.get(item.nodeid) or guessed_seconds(item) for item in items}
    per_module = defaultdict(float)
    for item in items:
        per_module[module_of(item.nodeid)] += cost[item.nodeid]

    flushing = {module_of(item.nodeid) for item in items if database_order(item) == 1}

    def key(item):
        module = module_of(item.nodeid)
        # Within a module pytest's order stays (the sort is stable).
        if is_waiting_module(module) and module not in flushing:
            return (0, 0, -per_module[module], module)
        return (1, database_order(item), -per_module[module], module)

    items.sort(key=key)


class SecondsRecorder:
    """In the process that reports (the controller of a parallel run): add up each
    test's setup, call and teardown, and keep them for the next run's order."""

    def __init__(self, config):
        self.config = config
        self.seconds = defaultdict(float)

    def pytest_runtest_logreport(self, report):
        self.seconds[report.nodeid] += report.duration

    def pytest_sessionfinish(self):
        cache = getattr(self.config, "cache", None)
        if cache is None or not self.seconds:
            return
        kept = cache.get(SECONDS_KEY, {})
        kept.update({nodeid: round(s, 3) for nodeid, s in self.seconds.items()})
        cache.set(SECONDS_KEY, kept)


def waiting_modules_together(config, log):
    """xdist's scheduler for `--dist loadgroup`: a test module goes whole to one
    process where it can, so that its module-scoped server or data is made once.

    A waiting module always goes whole; so does any other module with no test of a
    transactional database. A module that may hold one is handed out test by test, in
    the order the processes collected (longest_first(): database tests before the
    transactional ones, which empty the tables), since as a whole it would run its
    transactional test before the database tests that later reach the same process.
    (xdist's own loadgroup renames node ids, which pytest 9.2 ignores.)

    So that the processes finish together, a process takes a waiting module only once
    it is free: one unit each at the start (xdist would hand out two), and while the
    last test of a waiting module runs, a short module rather than the next waiting
    one, which it then takes when it is really free, unless another process has.
    (A worker runs a test only once it knows the next one, so a process with one
    test left must be sent something.)"""
    from xdist.scheduler import LoadScopeScheduling

    whole = {}

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            path = module_of(nodeid)
            if path not in whole:
                whole[path] = is_waiting_module(path) or not mentions_transactions(path, config.rootpath)
            return path if whole[path] else nodeid

        def _holds_waiting_test(self, node):
            return any(
                not done and is_waiting_module(module_of(nodeid))
                for unit in self.assigned_work.get(node, {}).values()
                for nodeid, done in unit.items()
            )

        def _is_spacer(self, scope):
            return "::" not in scope and not is_waiting_module(scope)

        def _assign_work_unit(self, node):
            if self._holds_waiting_test(node):
                # The shortest whole module with no transactional test (longest_first()
                # put it last of them), moved to the front: it may run anywhere.
                short = next((u for u in reversed(self.workqueue) if self._is_spacer(u)), None)
                if short is not None:
                    self.workqueue.move_to_end(short, last=False)
            super()._assign_work_unit(node)

        def _reschedule(self, node):
            if node.shutting_down:
                return
            if not self.workqueue:
                node.shutdown()
                return
            if self._pending_of(self.assigned_work[node]) > 2:
                return
            if self._pending_of(self.assigned_work[node]) == 2 and self._holds_waiting_test(node):
                return
            self._assign_work_unit(node)

        def schedule(self):
            # As xdist's, but one unit each to begin with (_reschedule tops up).
            assert self.collection_is_completed
            if self.collection is not None:
                for node in self.nodes:
                    self._reschedule(node)
                return
            if not self._check_nodes_have_same_collection():
                self.log("**Different tests collected, aborting run**")
                return
            self.collection = list(next(iter(self.registered_collections.values())))
            for nodeid in self.collection:
                self.workqueue.setdefault(self._split_scope(nodeid), {})[nodeid] = False
            for node in self.nodes:
                if self.workqueue:
                    self._assign_work_unit(node)
                else:
                    node.shutdown()
            # A node given a one-test unit must know its next test to start it.
            for node in self.nodes:
                self._reschedule(node)

    # In the order collected (longest_first()), not by size.
    config.option.loadscopereorder = False
    return Scheduling(config, log)
