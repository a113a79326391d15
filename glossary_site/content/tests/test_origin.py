"""Absolute addresses: on SITE_URL when it is set, else on the origin each request
came in on (a local run on any port), stored and cached pages included."""

import pytest
from django.test import Client

from glossary_site.content import origin

PATHS = [
    "/",
    "/glossary/",
    "/glossary/ledger/",
    "/blog/",
    "/blog/launch-notes/",
    "/glossary/feed/",
    "/blog/feed/",
    "/blog/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/",
    "/api/terms/",
    "/api/openapi.json",
    "/embed/",
    "/embed/glossary.js",
]


@pytest.fixture
def content(make_term, make_article, django_capture_on_commit_callbacks):
    """Call after setting SITE_URL: the commit callbacks render the items' pages
    ahead, as the worker would."""

    def make():
        with django_capture_on_commit_callbacks(execute=True):
            make_term(title="Ledger", slug="ledger", summary="Where every payment is written down.")
            make_article(title="Launch notes", slug="launch-notes", body="We keep a ledger.")

    return make


def fetch(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_without_site_url_every_absolute_address_is_on_the_requests_port(content, settings):
    settings.SITE_URL = ""
    content()
    client = Client(HTTP_HOST="127.0.0.1:8741")
    for path in PATHS:
        text = fetch(client, path)
        assert "http://127.0.0.1:8741" in text, path
        assert ":8000" not in text and origin.PLACEHOLDER not in text, path


def test_with_site_url_every_absolute_address_is_on_it_whatever_the_host(content, settings):
    settings.SITE_URL = "https://devterms.example"
    content()
    client = Client(HTTP_HOST="127.0.0.1:8741")
    for path in PATHS:
        text = fetch(client, path)
        assert "https://devterms.example" in text, path
        assert "127.0.0.1" not in text, path


def test_a_page_stored_ahead_is_right_for_each_host_it_is_served_on(content, settings):
    settings.SITE_URL = ""
    content()
    first = Client(HTTP_HOST="localhost:8741").get("/glossary/ledger/")
    second = Client(HTTP_HOST="127.0.0.1:9000").get("/glossary/ledger/")
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "stored"
    assert '<link rel="canonical" href="http://localhost:8741/glossary/ledger/">' in first.content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:9000/glossary/ledger/">' in second.content.decode()


def test_a_cached_list_page_is_right_for_each_host_it_is_served_on(content, settings):
    settings.SITE_URL = ""
    content()
    Client(HTTP_HOST="localhost:8741").get("/glossary/")
    again = Client(HTTP_HOST="127.0.0.1:9000").get("/glossary/")
    assert '<link rel="canonical" href="http://127.0.0.1:9000/glossary/">' in again.content.decode()


def test_robots_names_the_sitemap_on_the_requests_origin(db, settings):
    settings.SITE_URL = ""
    text = fetch(Client(HTTP_HOST="127.0.0.1:8741"), "/robots.txt")
    assert "Sitemap: http://127.0.0.1:8741/sitemap.xml" in text.splitlines()
