"""The page's language comes from its address only (issue 28): no Accept-Language,
no cookie, no redirect, no Vary on either; and what pages share (stored pages, the
sidebar fragment) is kept apart per language."""

import pytest

from glossary_site.serving.middleware import language_of_path, without_language


@pytest.fixture
def blog(three_languages, make_article, make_term, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source = make_article(title="Launch notes", slug="launch-notes")
        make_article(
            title="Startnotizen", slug="startnotizen", language="de", translation_key=source.translation_key
        )
        make_term(title="Ledger", slug="ledger")
        make_term(title="Hauptbuch", slug="hauptbuch", language="de")


@pytest.mark.parametrize("path", ["/", "/glossary/", "/blog/", "/glossary/ledger/"])
def test_an_unprefixed_page_ignores_accept_language_and_does_not_vary_on_it(blog, client, path):
    plain = client.get(path)
    asked_german = client.get(path, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert plain.status_code == asked_german.status_code == 200
    assert plain.content == asked_german.content
    assert "accept-language" not in asked_german.get("Vary", "").lower()
    assert "Content-Language" not in asked_german and not asked_german.cookies


def test_a_language_cookie_changes_nothing(blog, client):
    client.cookies["django_language"] = "de"
    response = client.get("/glossary/")
    assert "Hauptbuch" not in response.content.decode() and "Ledger" in response.content.decode()


def test_the_sidebar_of_a_german_page_lists_german_articles(blog, client):
    english = client.get("/glossary/ledger/").content.decode()  # the fragment, made in English first
    german = client.get("/de/glossary/hauptbuch/")
    assert german["X-Page-Cache"] == "stored"
    assert "Startnotizen" in german.content.decode() and "Launch notes" not in german.content.decode()
    assert "Launch notes" in english and "Startnotizen" not in english


def test_german_and_english_lists_are_cached_apart(blog, client):
    client.get("/blog/")
    german = client.get("/de/blog/")
    assert "Startnotizen" in german.content.decode() and "Launch notes" not in german.content.decode()


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/de/glossary/", "de"),
        ("/glossary/", "en"),
        ("/fr/glossary/", "en"),
        ("/admin/", "en"),
        ("/de", "de"),
    ],
)
def test_the_language_is_the_first_segment_when_it_is_a_translation_language(three_languages, path, language):
    assert language_of_path(path) == language


def test_a_stored_page_names_a_translation_published_after_it_was_stored(
    three_languages, make_term, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = make_term(title="Ledger", slug="ledger")
    assert 'hreflang="de"' not in client.get("/glossary/ledger/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="Hauptbuch", slug="hauptbuch", language="de", translation_key=source.translation_key)
    page = client.get("/glossary/ledger/")
    assert page["X-Page-Cache"] == "stored"
    assert 'hreflang="de" href="http://testserver/de/glossary/hauptbuch/"' in page.content.decode()


def test_search_results_are_never_cached_in_any_language(blog, client):
    for path in ("/search/?q=ledger", "/de/search/?q=hauptbuch"):
        client.get(path)
        assert "X-Page-Cache" not in client.get(path), path


@pytest.mark.parametrize(
    ("path", "unprefixed"),
    [("/de/search/", "/search/"), ("/search/", "/search/"), ("/de", ""), ("/fr/x/", "/fr/x/")],
)
def test_a_path_without_its_language(three_languages, path, unprefixed):
    assert without_language(path) == unprefixed


def test_a_page_in_a_right_to_left_language_says_so(settings, make_term, client):
    settings.SITE_LANGUAGES = ["en", "ur"]
    make_term(title="ڈیپلائے", slug="ڈیپلائے", language="ur")
    html = client.get("/ur/glossary/ڈیپلائے/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert '<html lang="en">' in client.get("/glossary/").content.decode()
