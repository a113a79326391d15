"""Staff open drafts and scheduled items on the public site; the public never does."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone


@pytest.mark.parametrize(("kind", "prefix"), [("term", "/glossary/"), ("article", "/blog/")])
@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_staff_preview_a_draft_with_a_banner_noindex_and_no_caching(
    make_term, make_article, client, admin_user, kind, prefix, state
):
    make = make_term if kind == "term" else make_article
    fields = {"status": "draft"} if state == "draft" else {"published_at": timezone.now() + timedelta(days=2)}
    make(title="Hidden page", slug="hidden", **fields)

    assert client.get(f"{prefix}hidden/").status_code == 404

    client.force_login(admin_user)
    response = client.get(f"{prefix}hidden/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("h1").get_text() == "Hidden page"
    assert page.select_one(".draft-banner").get_text().startswith("Draft — not public.")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_published_pages_show_no_banner_to_staff(make_term, client, admin_user):
    make_term(title="Public page", slug="public")
    client.force_login(admin_user)
    page = BeautifulSoup(client.get("/glossary/public/").content, "html.parser")
    assert page.select_one(".draft-banner") is None
    assert page.select_one('meta[name="robots"]') is None


def test_view_on_site_from_the_admin_reaches_the_preview(make_term, client, admin_user):
    term = make_term(title="Draft term", slug="draft-term", status="draft")
    client.force_login(admin_user)
    change = client.get(f"/admin/terms/term/{term.pk}/change/").content.decode()
    assert "View on site" in change
    assert client.get(term.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(("kind", "prefix"), [("term", "/glossary/"), ("article", "/blog/")])
def test_staff_get_an_edit_link_that_no_reader_ever_gets_from_the_cache(
    make_term, make_article, client, admin_user, kind, prefix
):
    from django.test import Client

    item = (make_term if kind == "term" else make_article)(title="Live page", slug="live")
    reader = Client()
    before = reader.get(f"{prefix}live/")  # a reader's page is stored first ...

    client.force_login(admin_user)
    staff = client.get(f"{prefix}live/")
    link = BeautifulSoup(staff.content, "html.parser").select_one(".staff-edit a")
    assert link.get_text() == "Edit this page"
    assert link["href"] == f"/admin/{item._meta.app_label}/{kind}/{item.pk}/change/"
    assert "no-store" in staff["Cache-Control"] and "private" in staff["Cache-Control"]

    after = reader.get(f"{prefix}live/")  # ... and the staff page never replaces it
    for response in (before, after):
        assert BeautifulSoup(response.content, "html.parser").select_one(".staff-edit") is None
    assert after["X-Page-Cache"] == "hit"


def test_staff_without_the_change_permission_get_no_edit_link(make_term, client, django_user_model):
    make_term(title="Live page", slug="live")
    viewer = django_user_model.objects.create_user("viewer", "v@example.com", "pw", is_staff=True)
    client.force_login(viewer)
    page = BeautifulSoup(client.get("/glossary/live/").content, "html.parser")
    assert page.select_one(".staff-edit") is None


@pytest.fixture
def article_writer(client, django_user_model):
    """Staff who may change articles only, logged in on `client`."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("writer", "w@example.com", "pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "change_article"]))
    client.force_login(user)
    return client


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_staff_who_may_not_change_a_kind_do_not_read_its_drafts(make_term, article_writer, state):
    fields = {"status": "draft"} if state == "draft" else {"published_at": timezone.now() + timedelta(days=2)}
    term = make_term(title="Hidden term", slug="hidden", **fields)

    assert article_writer.get(f"/admin/terms/term/{term.pk}/change/").status_code == 403
    assert article_writer.get("/glossary/hidden/").status_code == 404


def test_staff_who_may_change_a_kind_read_its_drafts(make_article, article_writer):
    make_article(title="Hidden article", slug="hidden", status="draft")

    response = article_writer.get("/blog/hidden/")

    assert response.status_code == 200
    assert (
        "Draft — not public."
        in BeautifulSoup(response.content, "html.parser").select_one(".draft-banner").get_text()
    )
