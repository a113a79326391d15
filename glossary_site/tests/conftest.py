"""Fixtures for the black-box browser tests: a real gunicorn server and Debian's Chromium.

The server runs as a subprocess against its own fresh SQLite database and media
folder, loaded with the demo content and one staff account. The tests talk to it
only over loopback HTTP, never through Django's test client or test database.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django (loaded by
# pytest-django) would otherwise refuse any ORM call made while it is running.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 20  # seconds
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Loopback only: never send the test traffic through a proxy from the environment.
_loopback_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url, timeout=10):
    """GET url from the test server; return (status, body text). 4xx/5xx bodies too."""
    try:
        with _loopback_opener.open(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode("utf-8")


@dataclass(frozen=True)
class SiteServer:
    base_url: str
    username: str
    password: str
    log_path: Path

    def url(self, path):
        return self.base_url + path

    def get(self, path):
        """GET a path over loopback HTTP; return (status, body text), error pages included."""
        return fetch(self.url(path))


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def _log_tail(path, lines=40):
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """A gunicorn server on a free loopback port with the demo site and a staff user."""
    if not (PROJECT_ROOT / "staticfiles" / "staticfiles.json").exists():
        pytest.fail(
            "staticfiles/staticfiles.json is missing: run "
            "`DJANGO_SECRET_KEY=x .venv/bin/python manage.py collectstatic --noinput` (make test does).",
            pytrace=False,
        )
    tmp = tmp_path_factory.mktemp("site")
    port = _free_port()
    username, password = "editor", secrets.token_urlsafe(16)
    env = os.environ.copy()
    env.pop("BIND", None)  # gunicorn.conf.py would prefer it to PORT
    env.update(
        DJANGO_SECRET_KEY="test-only-secret",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp / 'site.db'}",
        MEDIA_ROOT=str(tmp / "media"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
        DJANGO_SUPERUSER_PASSWORD=password,
    )
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_demo")
    _manage(env, "createsuperuser", "--noinput", "--username", username, "--email", "editor@example.com")

    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp / "gunicorn.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {proc.returncode}:\n{_log_tail(log_path)}", pytrace=False)
            try:
                status, _ = fetch(base_url + "/", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"gunicorn did not answer on {base_url}/ within {SERVER_START_TIMEOUT} s:\n"
                    f"{_log_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield SiteServer(base_url=base_url, username=username, password=password, log_path=log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (Playwright never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does).", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser, site_server):
    """Open pages in fresh browser contexts (own cookies); all are closed after the test."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(base_url=site_server.base_url, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh context: no cookies, not logged in."""
    return new_page()
