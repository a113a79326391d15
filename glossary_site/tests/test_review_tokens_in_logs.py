"""A real gunicorn's log keeps no review token (issue 26, finding 16): not in the
access log's request line, not in a Referer, not in Django's "Not Found" line."""

import pytest

from glossary_site.testing.servers import Browserless, Gunicorn, shell, site_env

pytestmark = pytest.mark.servers

MAKE_LINK = """
from terms.models import Term
from glossary_site.editorial import review
draft = Term(title="Idempotency key", slug="idempotency-key", summary="A key.", body="Retry.", status="draft")
draft.save()
print(review.make(draft, None)[1])
"""


def test_review_tokens_never_reach_the_servers_log(tmp_path, migrated_database):
    env = site_env(tmp_path, migrated_database.copy(tmp_path), LOG_LEVEL="info")
    token = shell(env, MAKE_LINK)
    revoked = "x" * 43  # an unknown token: Django logs its 404 with the path
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    try:
        reader = Browserless()
        status, page, headers = reader.request(server.url(f"/review/{token}/"))
        assert status == 200 and "Idempotency key" in page
        assert headers["Referrer-Policy"] == "no-referrer"
        referer = {"Referer": server.url(f"/review/{token}/")}
        assert reader.request(server.url("/glossary/"), headers=referer)[0] == 200
        assert reader.request(server.url(f"/review/{revoked}/"))[0] == 404
    finally:
        server.stop()

    log = (tmp_path / "gunicorn.log").read_text()
    assert token not in log and revoked not in log
    assert 'GET /review/REDACTED/ HTTP/1.1" 200' in log
    assert '"http://127.0.0.1:' in log and '/review/REDACTED/"' in log, "the Referer, redacted"
    assert "Not Found: /review/REDACTED/" in log
