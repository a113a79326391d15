"""Every page a shared cache may keep says it differs by cookie, so that a proxy in
front never gives a reader a staff page or staff a reader's page (issue 26,
finding 14): pages rendered in the request as well as stored ones."""

import pytest
from django.test import Client


def varies_on_cookie(response):
    return "cookie" in {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.fixture
def stored_ledger(make_term, django_capture_on_commit_callbacks):
    """A term whose page the worker rendered ahead (serving/pages.py)."""
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="Ledger", slug="ledger")


@pytest.mark.parametrize("path", ["/", "/glossary/", "/blog/", "/glossary/ledger/?rendered"])
def test_a_page_rendered_in_the_request_varies_on_cookie_when_made_and_when_cached(
    stored_ledger, client, path
):
    made, cached = client.get(path), client.get(path)

    assert (made.status_code, "X-Page-Cache" in made) == (200, False)
    assert cached["X-Page-Cache"] == "hit"
    for response in (made, cached):
        assert "public" in response["Cache-Control"]
        assert varies_on_cookie(response), (path, response.get("Vary"))


def test_a_stored_page_varies_on_cookie(stored_ledger, client):
    response = client.get("/glossary/ledger/")

    assert response["X-Page-Cache"] == "stored"
    assert varies_on_cookie(response)


@pytest.mark.parametrize("path", ["/", "/glossary/", "/blog/", "/glossary/ledger/"])
def test_a_staff_page_varies_on_cookie(stored_ledger, admin_user, path):
    staff = Client()
    staff.force_login(admin_user)

    response = staff.get(path)

    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert varies_on_cookie(response), (path, response.get("Vary"))
