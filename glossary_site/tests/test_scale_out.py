"""Several gunicorn nodes and a failing database, with real servers on loopback.

With `make test DB=postgres` the nodes share a real PostgreSQL and Redis; on the
default run they share one SQLite file. The database-down test always runs on a
PostgreSQL cluster of its own, since it has to stop and start it.
"""

import shutil
import subprocess
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor

import pytest

from glossary_site.testing import nginx
from glossary_site.testing.nodes import edit_term_body, log_in, prepared_env
from glossary_site.testing.servers import (
    SIGNED_IN_MARK,
    Browserless,
    Gunicorn,
    PrivatePostgres,
    Worker,
    fetch,
    free_port,
    manage,
)

pytestmark = pytest.mark.servers


def test_an_edit_and_a_session_made_on_one_node_hold_on_the_other(tmp_path, demo_database):
    env = prepared_env(tmp_path, demo_database)
    node_a = Gunicorn(env, tmp_path / "a.log")
    node_b = Gunicorn(env, tmp_path / "b.log")
    try:
        status, before = fetch(node_b.url("/glossary/api/"))
        assert status == 200 and "Edited through node A" not in before

        editor = Browserless()
        log_in(editor, node_a)
        status, html, _ = editor.request(node_b.url("/admin/"))
        assert status == 200 and SIGNED_IN_MARK in html, "node B accepts node A's session"

        edit_term_body(editor, node_a, "API", "Edited through node A.")
        status, after = fetch(node_b.url("/glossary/api/"))
        assert status == 200
        assert "<p>Edited through node A.</p>" in after
    finally:
        node_a.stop()
        node_b.stop()


def wait_for_stored(url, seconds=60):
    """Wait until the worker has rendered the page ahead and a node serves it stored."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body, headers = Browserless().request(url)
        if status == 200 and headers.get("X-Page-Cache") == "stored":
            return body
        time.sleep(0.3)
    pytest.fail(f"{url} was not served from a stored page within {seconds} s")


def test_pages_rendered_ahead_follow_edits_and_the_sidebar_on_both_nodes_at_once(tmp_path, demo_database):
    env = prepared_env(tmp_path, demo_database)
    node_a = Gunicorn(env, tmp_path / "a.log")
    node_b = Gunicorn(env, tmp_path / "b.log")
    worker = Worker(env, tmp_path / "worker.log")
    try:
        for node in (node_a, node_b):
            assert "Breaking: a new article" not in wait_for_stored(node.url("/glossary/api/"))
        # An editor edits a term on node A: node B shows it on the very next request.
        editor = Browserless()
        log_in(editor, node_a)
        edit_term_body(editor, node_a, "API", "Edited through node A.")
        assert "<p>Edited through node A.</p>" in fetch(node_b.url("/glossary/api/"))[1]
        # An article is published (another process): every page's sidebar shows it
        # at once on both nodes, and the term pages stay stored (not rendered again).
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from articles.models import Article; Article.objects.create(title='Breaking: a new article',"
            " slug='breaking', body='News.', status='published')",
        )
        for node in (node_a, node_b):
            for path in ("/glossary/api/", "/glossary/rest/", "/blog/"):
                assert "Breaking: a new article" in fetch(node.url(path))[1], (node, path)
        assert "Breaking: a new article" in wait_for_stored(node_b.url("/glossary/rest/"))
    finally:
        worker.stop()
        node_a.stop()
        node_b.stop()


def wait_for_status(url, wanted, seconds=15):
    """The body of `url` once it answers `wanted`; a server still starting (nothing
    listening yet: nginx binds after Popen returns) is waited for like a wrong answer."""
    deadline = time.monotonic() + seconds
    status = None
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url)
        except (urllib.error.URLError, ConnectionError) as refused:
            status = refused
        if status == wanted:
            return body
        time.sleep(0.3)
    pytest.fail(f"{url} answered {status}, not {wanted}, for {seconds} s")


def test_database_down_gives_503_pages_and_recovery_needs_no_restart(tmp_path):
    postgres = PrivatePostgres()
    node = None
    try:
        env = prepared_env(tmp_path, postgres.url, REDIS_URL="")
        node = Gunicorn(env, tmp_path / "node.log")
        assert fetch(node.url("/glossary/api/"))[0] == 200
        assert fetch(node.url("/healthz"))[0] == 200

        postgres.stop()
        status, page = fetch(node.url("/glossary/api/"))
        assert status == 503
        assert "Back in a moment" in page and "Traceback" not in page
        status, health = fetch(node.url("/healthz"))
        assert status == 503 and '"database"' in health
        assert fetch(node.url("/livez"))[0] == 200

        postgres.start()
        page = wait_for_status(node.url("/glossary/api/"), 200)
        assert "<h1>API</h1>" in page
        assert fetch(node.url("/healthz"))[0] == 200

        log = node.log_path.read_text()
        assert '"GET /glossary/api/ HTTP/1.1" 503' in log, "access lines carry status and time"
        assert "GET /healthz" not in log and "GET /livez" not in log, "probes stay out of the INFO log"
    finally:
        if node:
            node.stop()
        postgres.remove()


def test_the_sample_nginx_config_serves_the_site_from_both_nodes_and_media_from_disk(tmp_path, demo_database):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    media = tmp_path / "media"
    (media / "uploads").mkdir(parents=True)
    (media / "uploads" / "pixel.png").write_bytes(b"\x89PNG\r\n\x1a\n-test-bytes")
    (media / "uploads" / "evil.html").write_text("<script>alert(1)</script>")
    # In two languages: the search limit below covers each language's addresses.
    # A search slot for each of the four workers: nothing here is refused by a node.
    env = prepared_env(
        tmp_path, demo_database, SERVE_MEDIA="0", SITE_LANGUAGES="en,de", SEARCH_CONCURRENCY="4"
    )
    nodes = [Gunicorn(env, tmp_path / f"node{n}.log") for n in (1, 2)]
    port = free_port()
    config = nginx.config(tmp_path, port, [node.port for node in nodes], media, connections=512)
    checked = subprocess.run([binary, "-t", "-c", str(config)], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    proxy = subprocess.Popen([binary, "-c", str(config)], stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_status(base + "/livez", 200)
        for _ in range(6):
            status, page = fetch(base + "/glossary/backend-developer/")
            assert status == 200 and "<h1>Backend Developer</h1>" in page
        status, body, headers = Browserless().request(base + "/media/uploads/pixel.png")
        assert status == 200 and headers["Content-Type"] == "image/png"
        assert Browserless().request(base + "/media/uploads/evil.html")[0] == 404
        for node in nodes:
            assert "GET /glossary/backend-developer/" in node.log_path.read_text(), "both nodes served"
        token = "t0ken-" + "x" * 37  # a review link's token, in the path and in a Referer
        referer = {"Referer": f"{base}/review/{token}/"}
        assert Browserless().request(f"{base}/review/{token}/?a=1", headers=referer)[0] == 404
        # One address sending 160 searches at once, in two languages: nginx answers
        # a burst, holds some back (let through at two a second: longer than this
        # test waits) and turns the rest away itself.
        with ThreadPoolExecutor(max_workers=160) as pool:
            searches = list(
                pool.map(
                    lambda n: _search(f"{base}{'/de' if n % 2 else ''}/search/?q=backend+{n}"), range(160)
                )
            )
        page_after = Browserless().request(base + "/glossary/backend-developer/")[0]
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        for node in nodes:
            node.stop()
    access_log = (tmp_path / "glossary.access.log").read_text()
    assert "GET /glossary/backend-developer/" in access_log
    assert token not in access_log
    assert 'GET /review/REDACTED/?a=1 HTTP/1.1" 404' in access_log and '/review/REDACTED/"' in access_log
    statuses = [status for status, _, _ in searches]
    refused = [n for n, status in enumerate(statuses) if status == 429]
    assert set(statuses) == {200, 429, HELD}, statuses
    # A burst of 21 answered at once, up to 80 more held back, the others refused:
    # more of them answered and fewer refused when the searches reach nginx over
    # seconds (a loaded machine), as the allowance refills at two a second.
    assert statuses.count(200) >= 21 and statuses.count(HELD) >= 60 and 20 <= len(refused) <= 59, statuses
    assert {"de" if n % 2 else "en" for n in refused} == {"en", "de"}
    assert all(
        searches[n][2]["Retry-After"] == "1" and "Too many searches" in searches[n][1] for n in refused
    )
    logs = "".join(node.log_path.read_text() for node in nodes)
    assert not [n for n in refused if f"q=backend+{n} " in logs], "a refused search reached a node"
    assert page_after == 200


HELD = "held back"


def _search(url):
    """(status, body, headers) of a search, or HELD when nginx had not let it through
    within a few seconds."""
    try:
        return Browserless().request(url, timeout=4)
    except (TimeoutError, urllib.error.URLError):
        return HELD, "", {}
