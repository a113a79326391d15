"""The API's per-address limit on real servers: two gunicorn nodes (two workers
each) sharing a Redis of the test's own count one allowance between them."""

import subprocess
import time

import pytest

from glossary_site.testing.servers import (
    Browserless,
    Gunicorn,
    free_port,
    site_env,
    stop_process,
)

pytestmark = pytest.mark.servers
LIMIT = 6
WINDOW = 3600


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            if (
                subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip()
                == b"PONG"
            ):
                break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process(server)


def test_two_nodes_share_one_allowance_per_address(tmp_path, redis_url, demo_database):
    env = site_env(
        tmp_path,
        demo_database.copy(tmp_path),
        REDIS_URL=redis_url,
        API_RATE_LIMIT=str(LIMIT),
        API_RATE_WINDOW=str(WINDOW),
    )
    nodes = [Gunicorn(env, tmp_path / "a.log"), Gunicorn(env, tmp_path / "b.log")]
    try:
        client = Browserless()
        # The windows are fixed (serving/ratelimit.py): requests that straddle the
        # end of one are counted in two. Then the count starts again from nothing,
        # in a window that has just begun and outlasts the requests.
        for _ in range(2):
            window = int(time.time() // WINDOW)
            answers = [
                client.request(nodes[n % 2].url("/api/terms/backend-developer/"))[::2]
                for n in range(LIMIT + 4)
            ]
            if int(time.time() // WINDOW) == window:
                break
            subprocess.run(["redis-cli", "-u", redis_url, "flushall"], check=True, capture_output=True)
        statuses = [status for status, _ in answers]
        assert statuses == [200] * LIMIT + [429] * 4, statuses
        retry = int(answers[-1][1]["Retry-After"])
        assert 1 <= retry <= WINDOW
        # Pages are not counted: the site still answers this address.
        assert client.request(nodes[0].url("/glossary/backend-developer/"))[0] == 200
    finally:
        for node in nodes:
            node.stop()
