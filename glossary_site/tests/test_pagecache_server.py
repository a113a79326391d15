"""Page-cache freshness across the workers of a real gunicorn (each has its own
local-memory cache): an edit is what every worker serves on the next request."""

import pytest

from glossary_site.testing.nodes import edit_term_body, log_in, prepared_env
from glossary_site.testing.servers import Browserless, Gunicorn, fetch

pytestmark = pytest.mark.servers


def test_an_edit_is_served_by_every_worker_on_the_next_request(tmp_path, demo_database):
    env = prepared_env(tmp_path, demo_database, REDIS_URL="", WEB_CONCURRENCY="2")
    node = Gunicorn(env, tmp_path / "node.log")
    try:
        hits = 0
        for _ in range(30):
            status, _, headers = Browserless().request(node.url("/glossary/api/"))
            assert status == 200
            hits += headers.get("X-Page-Cache") == "hit"
        assert hits >= 20, "both workers answer from their caches once warm"

        editor = Browserless()
        log_in(editor, node)
        edit_term_body(editor, node, "API", "Fresh on every worker.")
        for _ in range(30):
            status, page = fetch(node.url("/glossary/api/"))
            assert status == 200 and "<p>Fresh on every worker.</p>" in page
    finally:
        node.stop()
