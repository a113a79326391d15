"""Search cannot take every worker (issue 29), on real gunicorn: while the node's one
search slot is held by another process, searches are answered 503 at once and pages
200; once that process is killed, its slot is free and searches are answered again."""

import json
import subprocess
import sys

import pytest

from glossary_site.testing.servers import PROJECT_ROOT, Browserless, Gunicorn, site_env, stop_process

pytestmark = pytest.mark.servers
# A process of the site mid-search: it takes a slot and holds it until it is killed.
HOLD_A_SLOT = """
import django, sys
django.setup()
from glossary_site.serving.searchslots import take_node_slot
assert take_node_slot() is not None
print("holding", flush=True)
sys.stdin.read()
"""


def test_pages_answer_while_searches_hold_the_node_and_a_dead_holder_frees_it(tmp_path, demo_database):
    env = site_env(tmp_path, demo_database.copy(tmp_path), SEARCH_CONCURRENCY="1", SEARCH_RATE_LIMIT="0")
    node = Gunicorn(env, tmp_path / "gunicorn.log")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_SLOT],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        client = Browserless()

        searches = [client.request(node.url("/search/?q=backend")) for _ in range(4)]
        suggestions = client.request(node.url("/search/suggest/?q=ba"))
        pages = [client.request(node.url("/glossary/backend-developer/"))[0] for _ in range(4)]

        assert [status for status, _, _ in searches] == [503] * 4
        assert all(headers["Retry-After"] == "1" for _, _, headers in searches)
        assert "Search is busy" in searches[0][1]
        assert suggestions[0] == 503 and "Search is busy" in json.loads(suggestions[1])["message"]
        assert pages == [200] * 4

        holder.kill()  # mid-search, with no chance to give its slot back
        holder.wait(timeout=60)

        status, html, _ = client.request(node.url("/search/?q=backend"))
        assert status == 200 and "Backend Developer" in html
    finally:
        stop_process(holder)
        node.stop()
