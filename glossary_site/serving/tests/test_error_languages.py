"""The 500 and 503 pages speak the language of the address the reader asked for."""

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import Client

from terms.views import TermDetailView


def failing_with(monkeypatch, error):
    def fail(self, queryset=None):
        raise error

    monkeypatch.setattr(TermDetailView, "get_object", fail)
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "lang", "heading", "home"),
    [
        ("/glossary/anything/", "en", "Back in a moment", "/"),
        ("/de/glossary/anything/", "de", "Gleich wieder da", "/de/"),
        ("/ja/glossary/anything/", "ja", "まもなく再開します", "/ja/"),
    ],
)
def test_database_down_page_is_in_the_language_of_the_address(
    db, three_languages, monkeypatch, path, lang, heading, home
):
    response = failing_with(monkeypatch, OperationalError("connection refused")).get(path)

    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == lang
    assert page.h1.get_text() == heading
    assert page.title.get_text() == heading
    assert page.select_one("main a")["href"] == home
    assert "{%" not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/glossary/anything/", "en", "Something went wrong"),
        ("/de/glossary/anything/", "de", "Etwas ist schiefgelaufen"),
        ("/ja/glossary/anything/", "ja", "問題が発生しました"),
    ],
)
def test_error_page_is_in_the_language_of_the_address(db, three_languages, monkeypatch, path, lang, heading):
    response = failing_with(monkeypatch, RuntimeError("bug")).get(path)

    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == lang
    assert page.h1.get_text() == heading
