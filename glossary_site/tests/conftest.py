"""Fixtures for the black-box browser tests: a real gunicorn server and Debian's Chromium.

The server runs as a subprocess against its own fresh SQLite database and media
folder, loaded with the demo content and one staff account. The tests talk to it
only over loopback HTTP, never through Django's test client or test database.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary_site.testing.servers import (
    PROJECT_ROOT,
    Gunicorn,
    Worker,
    fetch,
    manage,
    site_env,
)

# Playwright's sync API runs an event loop in this thread; Django (loaded by
# pytest-django) would otherwise refuse any ORM call made while it is running.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

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


@pytest.fixture(scope="session")
def site_server(tmp_path_factory, demo_database):
    """A gunicorn server on a free loopback port with the demo site and a staff user.

    Its database is a fresh one on the suite's own database server (SQLite or,
    with `make test DB=postgres`, PostgreSQL with Redis as the cache)."""
    if not (PROJECT_ROOT / "staticfiles" / "staticfiles.json").exists():
        pytest.fail(
            "staticfiles/staticfiles.json is missing: run "
            "`DJANGO_SECRET_KEY=x .venv/bin/python manage.py collectstatic --noinput` (make test does).",
            pytrace=False,
        )
    tmp = tmp_path_factory.mktemp("site")
    username, password = "editor", secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp), DJANGO_SUPERUSER_PASSWORD=password)
    manage(env, "createsuperuser", "--noinput", "--username", username, "--email", "editor@example.com")
    server = Gunicorn(env, tmp / "gunicorn.log")
    worker = Worker(env, tmp / "worker.log")  # as `make run` starts one beside gunicorn
    try:
        yield SiteServer(server.base_url, username, password, server.log_path)
    finally:
        worker.stop()
        server.stop()


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


@pytest.fixture(scope="session")
def sign_in():
    """sign_in(page, base_url, username, password, path="/admin/"): the page signed in
    to the admin and opened at `path`.

    The first time for a server and user it goes through the login form, as an editor
    does; after that it starts with the session cookie that login gave (each test keeps
    its own browser context, so its own other cookies and storage), and falls back to
    the form should that session have ended. Tests of logging in itself use the form."""
    from playwright.sync_api import expect

    kept = {}

    def sign_in_page(page, base_url, username, password, path="/admin/"):
        key = (base_url, username, password)
        if key in kept:
            page.context.add_cookies(kept[key])
            page.goto(path)
            if "/admin/login/" not in page.url:
                return page
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        kept[key] = page.context.cookies()
        if path != "/admin/":
            page.goto(path)
        return page

    return sign_in_page


# Issue 28: a German and a Japanese translation of the demo's model term, on a site
# in three languages, for the checks that translated pages are as clean as the rest.
TRANSLATED_TERM = {
    "de": ("Backend-Entwickler", "backend-entwickler", "Wer die Serverseite einer Anwendung baut."),
    "ja": ("バックエンド開発者", "バックエンド開発者", "アプリケーションのサーバー側を作る人。"),
}
_TRANSLATE_DEMO_TERM = f"""
from terms.models import Term
source = Term.objects.get(slug="backend-developer", language="en")
for language, (title, slug, summary) in {TRANSLATED_TERM!r}.items():
    Term.objects.create(
        title=title, slug=slug, summary=summary, language=language,
        body=summary + "\\n\\n## " + title + "\\n\\n" + summary,
        translation_key=source.translation_key, translated_from=source.source_revision,
        status="published", published_at=source.published_at,
    )
"""


@pytest.fixture(scope="session")
def multilingual_server(tmp_path_factory, demo_database):
    """A gunicorn server with the demo site in English, German and Japanese, the
    model term translated into both (TRANSLATED_TERM)."""
    tmp = tmp_path_factory.mktemp("multilingual-site")
    env = site_env(tmp, demo_database.copy(tmp), SITE_LANGUAGES="en,de,ja")
    manage(env, "shell", "-c", _TRANSLATE_DEMO_TERM)
    server = Gunicorn(env, tmp / "gunicorn.log")
    worker = Worker(env, tmp / "worker.log")
    try:
        yield SiteServer(server.base_url, "", "", server.log_path)
    finally:
        worker.stop()
        server.stop()
