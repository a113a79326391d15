"""Relinking survives what kills processes: real workers on the database queue.

A term named in 150 bodies is created (which queues the relinking with the change),
a worker starts on it and is killed with SIGKILL half way; when a worker runs again,
every body ends up linked, without anyone doing anything. Work asked for by a
command that exits at once is done by the worker all the same.
"""

import time

import pytest

from glossary_site.testing.servers import PreparedDatabase, Worker, query, shell, site_env

pytestmark = pytest.mark.servers

BODIES = 150
DEADLINE = 90  # seconds for a worker to finish the whole relinking
DATABASE_QUEUE = "django_tasks_db.DatabaseBackend"  # the real queue, whatever the suite's

# Long bodies: relinking writes a chunk in a few statements, and 300 short bodies were
# done before the test could see the first 20 and kill the worker half way.
MAKE_BODIES = f"""
from articles.models import Article
for n in range({BODIES}):
    Article.objects.create(title=f"Note {{n}}", slug=f"note-{{n}}", summary="A note.", status="published",
                           body=f"Note {{n}}: the Widget team met. " + "Plain words without names. " * 600)
"""
ADD_TERM = """
from terms.models import Term
Term.objects.create(title="Widget", slug="widget", summary="A small part.", body="A part.", status="published")
"""
COUNT = """
SELECT (SELECT count(*) FROM articles_article WHERE body_html LIKE '%href="/glossary/widget/"%'),
       (SELECT count(*) FROM glossary_site_relinkrequest)
"""


def linked_and_pending(env):
    linked, pending = query(env["DATABASE_URL"], COUNT)
    return int(linked), int(pending)


def wait_for(env, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = linked_and_pending(env)
        if predicate(*state):
            return state
        time.sleep(0.3)
    return linked_and_pending(env)


@pytest.fixture(scope="module")
def bodies_database(tmp_path_factory):
    """A migrated database holding the bodies, made once; each test changes a copy."""
    return PreparedDatabase(
        tmp_path_factory.mktemp("bodies"), demo=False, shell_code=MAKE_BODIES, TASKS_BACKEND=DATABASE_QUEUE
    )


@pytest.fixture
def site(tmp_path, bodies_database):
    # Small chunks, so a kill lands between two of them; a short lease, so a worker
    # under a new id may take over a dead one's claim within the test.
    return site_env(
        tmp_path,
        bodies_database.copy(tmp_path),
        RELINK_CHUNK="10",
        RELINK_LEASE_SECONDS="3",
        TASKS_BACKEND=DATABASE_QUEUE,
    )


@pytest.mark.parametrize("second_worker_id", ["test-worker", "a-new-worker"])
def test_a_worker_killed_mid_relink_leaves_nothing_unlinked(site, tmp_path, second_worker_id):
    shell(site, ADD_TERM)  # the relinking is queued with the new term, nothing runs yet
    assert linked_and_pending(site) == (0, 1)

    first = Worker(site, tmp_path / "worker.log", worker_id="test-worker")
    try:
        linked, pending = wait_for(site, lambda linked, pending: linked >= 20, timeout=DEADLINE)
        first.kill()
    finally:
        first.stop()
    linked, pending = linked_and_pending(site)
    assert 0 < linked < BODIES and pending == 1, f"killed half way: {linked} linked, {pending} pending"

    second = Worker(site, tmp_path / "worker.log", worker_id=second_worker_id)
    try:
        state = wait_for(site, lambda linked, pending: pending == 0, timeout=DEADLINE)
    finally:
        second.stop()
    assert state == (BODIES, 0), (tmp_path / "worker.log").read_text()[-3000:]


def test_relinking_asked_for_by_a_command_that_exits_at_once_still_happens(site, tmp_path):
    worker = Worker(site, tmp_path / "worker.log")
    try:
        shell(site, ADD_TERM)  # `manage.py shell` exits as soon as the term is saved
        state = wait_for(site, lambda linked, pending: pending == 0, timeout=DEADLINE)
    finally:
        worker.stop()
    assert state == (BODIES, 0), (tmp_path / "worker.log").read_text()[-3000:]
