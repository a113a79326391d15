"""The page cache: hits cost no rendering and one query, and are never stale."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone


def test_second_anonymous_request_is_a_hit_without_rendering(make_term, client, django_assert_num_queries):
    make_term(title="Ledger", slug="ledger")
    first = client.get("/glossary/ledger/")
    assert "X-Page-Cache" not in first and first.templates
    with django_assert_num_queries(1):
        second = client.get("/glossary/ledger/")
    assert second["X-Page-Cache"] == "hit"
    assert not second.templates, "a hit renders no template"
    assert second.content == first.content


@pytest.mark.parametrize("change", ["save", "delete", "unpublish"])
def test_any_change_is_visible_on_the_very_next_request(make_term, client, change):
    term = make_term(title="Ledger", slug="ledger", summary="Old words.")
    assert "Old words." in client.get("/glossary/").content.decode()
    if change == "save":
        term.summary = "New words."
        term.save()
        assert "New words." in client.get("/glossary/").content.decode()
    elif change == "delete":
        term.delete()
        assert "Ledger" not in client.get("/glossary/").content.decode()
    else:
        term.status = "draft"
        term.save()
        assert "Ledger" not in client.get("/glossary/").content.decode()


def test_a_new_term_that_changes_links_shows_at_once(
    make_term, make_article, client, django_capture_on_commit_callbacks
):
    make_article(title="Money", slug="money", body="Every payment lands in the ledger.")
    assert "term-link" not in client.get("/blog/money/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="Ledger", slug="ledger")
    assert 'href="/glossary/ledger/"' in client.get("/blog/money/").content.decode()


def test_a_scheduled_item_appears_when_its_time_comes(make_term, client, monkeypatch):
    soon = timezone.now() + timedelta(minutes=5)
    make_term(title="Later", slug="later", published_at=soon)
    assert "Later" not in client.get("/glossary/").content.decode()
    assert client.get("/glossary/")["X-Page-Cache"] == "hit"
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=6))
    page = client.get("/glossary/")
    assert "X-Page-Cache" not in page
    assert "Later" in page.content.decode()


def test_counts_and_sidebars_shared_by_many_pages_follow_every_change(make_term, make_article, client):
    # The letter counts and the newest articles are remembered per content version
    # (reading.remembered); pages not yet cached must still show them current.
    make_term(title="Ledger", slug="ledger")
    make_article(title="First post", slug="first")
    assert "First post" in client.get("/glossary/ledger/").content.decode()
    assert client.get("/glossary/letter/q/").status_code == 200
    make_term(title="Queue", slug="queue")
    make_article(title="Second post", slug="second")
    letter_bar = client.get("/glossary/letter/l/").content.decode()
    assert 'href="/glossary/letter/q/"' in letter_bar
    assert "Second post" in client.get("/glossary/queue/").content.decode()
    make_article(title="Third post", slug="third", status="draft")
    assert "Third post" not in client.get("/glossary/queue/?again").content.decode()


def test_sessions_and_search_are_never_cached(make_term, client, admin_user):
    make_term(title="Ledger", slug="ledger")
    staff = Client()
    staff.force_login(admin_user)
    for _ in range(2):
        assert "X-Page-Cache" not in staff.get("/glossary/ledger/")
        assert "X-Page-Cache" not in client.get("/search/?q=ledger")


def test_conditional_requests_get_304(make_term, client):
    make_term(title="Ledger", slug="ledger")
    first = client.get("/glossary/ledger/")
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert first["Last-Modified"]
    etag = first["ETag"]
    again = client.get("/glossary/ledger/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    by_date = client.get("/glossary/ledger/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    changed = client.get("/glossary/ledger/", HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200
