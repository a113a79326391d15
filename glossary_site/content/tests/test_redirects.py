"""Links never break: renamed, deleted and unpublished items, and the friendly 404."""

import pytest
from django.core.exceptions import ValidationError

from glossary_site.content.models import SlugRedirect


def rename(item, slug):
    item.refresh_from_db()
    item.slug = slug
    item.save()


@pytest.mark.parametrize("kind", ["term", "article"])
def test_every_earlier_slug_answers_301_straight_to_the_current_one(make_term, make_article, client, kind):
    make, prefix = (make_term, "/glossary/") if kind == "term" else (make_article, "/blog/")
    item = make(slug="first")
    rename(item, "second")
    rename(item, "third")
    for old in ("first", "second"):
        response = client.get(f"{prefix}{old}/")
        assert response.status_code == 301
        assert response["Location"] == f"{prefix}third/", "no chains"
    assert client.get(f"{prefix}third/").status_code == 200


def test_renaming_back_makes_no_loop(make_term, client):
    term = make_term(slug="alpha")
    rename(term, "beta")
    rename(term, "alpha")
    assert client.get("/glossary/alpha/").status_code == 200
    assert client.get("/glossary/beta/")["Location"] == "/glossary/alpha/"
    assert not SlugRedirect.objects.filter(old_slug="alpha").exists()


def test_a_draft_renamed_before_publishing_leaves_no_redirect(make_term):
    draft = make_term(slug="draft-one", status="draft")
    rename(draft, "draft-two")
    assert not SlugRedirect.objects.exists()


def test_a_new_item_cannot_take_a_slug_still_used_as_a_redirect_unless_it_takes_it_over(make_term, client):
    old = make_term(title="Old", slug="shared")
    rename(old, "old-new")
    newcomer = make_term(title="Newcomer", slug="newcomer")
    newcomer.slug = "shared"
    with pytest.raises(ValidationError) as error:
        newcomer.full_clean()
    assert "Take over this address" in error.value.message_dict["slug"][0]
    newcomer.take_over_slug = True
    newcomer.full_clean()
    newcomer.save()
    assert client.get("/glossary/shared/").status_code == 200
    assert "Newcomer" in client.get("/glossary/shared/").content.decode()


@pytest.mark.parametrize("kind", ["term", "article"])
def test_deleting_a_published_item_answers_410_gone(make_term, make_article, client, kind):
    make, prefix = (make_term, "/glossary/") if kind == "term" else (make_article, "/blog/")
    item = make(slug="leaving")
    rename(item, "left")
    item.delete()
    for slug in ("leaving", "left"):
        response = client.get(f"{prefix}{slug}/")
        assert response.status_code == 410
        assert "This page is gone" in response.content.decode()


def test_unpublishing_answers_410_and_publishing_again_restores_the_page(make_term, client):
    term = make_term(slug="paused")
    term.status = "draft"
    term.save()
    assert client.get("/glossary/paused/").status_code == 410
    term.status = "published"
    term.save()
    assert client.get("/glossary/paused/").status_code == 200


def test_the_gone_page_says_an_unpublished_page_may_come_back(make_term, client):
    term = make_term(slug="paused")
    term.status = "draft"
    term.save()
    text = client.get("/glossary/paused/").content.decode()
    assert "unpublished or removed" in text
    assert "will not come back" not in text


def test_an_editor_can_send_a_gone_address_to_a_replacement(make_term, client):
    make_term(slug="api")
    leaving = make_term(slug="web-api")
    leaving.delete()
    SlugRedirect.objects.filter(old_slug="web-api").update(replacement="/glossary/api/")
    response = client.get("/glossary/web-api/")
    assert response.status_code == 301 and response["Location"] == "/glossary/api/"


def test_drafts_that_were_never_public_stay_404(make_term, client):
    make_term(slug="never", status="draft").delete()
    assert client.get("/glossary/never/").status_code == 404


def test_friendly_404_offers_search_and_similar_terms(make_term, visit):
    make_term(title="Load Balancer", slug="load-balancer")
    make_term(title="Ledger", slug="ledger")
    page = visit("/glossary/load-balancr/", status=404)
    assert page.select_one("h1").get_text() == "Page not found"
    assert page.select_one("main input[name=q]")["value"] == "load balancr"
    similar = page.find("h2", string="Terms with similar names").parent
    assert [a.get_text() for a in similar.select("a")][0] == "Load Balancer"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one("header nav")  # the site's own layout
