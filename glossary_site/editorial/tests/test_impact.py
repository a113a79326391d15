"""See the effect before you change: renaming or unpublishing a live page first lists
what it touches, and saves only once confirmed."""

from bs4 import BeautifulSoup

from glossary_site.testing.admin_forms import change_data
from terms.models import Term


def setup_links(make_term, make_article):
    api = make_term(title="API", slug="api", body="## What\n\nAn interface.")
    make_article(title="Auto guide", body="## Read\n\nEvery API has a contract.")
    make_article(title="Hand guide", body="## Read\n\nSee [the interface](/glossary/api/).")
    return api


def panel_text(response):
    page = BeautifulSoup(response.content, "html.parser")
    return page, " ".join(page.select_one(".edit-impact").get_text().split())


def test_renaming_a_live_term_lists_what_changes_and_waits_for_confirmation(
    make_term, make_article, admin_client
):
    api = setup_links(make_term, make_article)
    url = f"/admin/terms/term/{api.pk}/change/"
    data = change_data(api, api.version, title="Application interface", slug="application-interface")

    refused = admin_client.post(url, data)

    assert refused.status_code == 200
    page, shown = panel_text(refused)
    assert page.select_one(".edit-impact h2").get_text() == "Rename “API” to “Application interface”?"
    assert "/glossary/api/ will answer 301 to /glossary/application-interface/" in shown
    assert "Pages that link it automatically: 1: Auto guide" in shown
    assert "Pages linking it by hand: 1; their links will meet a 301: Hand guide" in shown
    assert Term.objects.get(pk=api.pk).slug == "api"

    assert admin_client.post(url, {**data, "confirm_impact": "on"}).status_code == 302
    assert Term.objects.get(pk=api.pk).slug == "application-interface"


def test_unpublishing_a_live_term_lists_the_links_that_will_meet_410(make_term, make_article, admin_client):
    api = setup_links(make_term, make_article)
    page, shown = panel_text(
        admin_client.post(
            f"/admin/terms/term/{api.pk}/change/", change_data(api, api.version, status="draft")
        )
    )
    assert "Unpublish “API”?" in shown
    assert "/glossary/api/ will answer 410 Gone" in shown
    assert "their links will meet 410 Gone: Hand guide" in shown
    assert Term.objects.get(pk=api.pk).status == "published"


def test_other_edits_and_drafts_save_without_a_confirmation(make_term, admin_client):
    live = make_term(title="Live", slug="live")
    draft = make_term(title="Draft", slug="draft", status="draft")
    saved = admin_client.post(
        f"/admin/terms/term/{live.pk}/change/", change_data(live, live.version, summary="New.")
    )
    assert saved.status_code == 302
    renamed = admin_client.post(
        f"/admin/terms/term/{draft.pk}/change/",
        change_data(draft, draft.version, title="Draft 2", slug="draft-2"),
    )
    assert renamed.status_code == 302


def test_deleting_a_term_first_shows_where_it_is_used(make_term, make_article, admin_client):
    api = setup_links(make_term, make_article)
    page = BeautifulSoup(admin_client.get(f"/admin/terms/term/{api.pk}/delete/").content, "html.parser")
    section = " ".join(page.select_one("section[aria-labelledby=delete-usage-title]").get_text().split())
    assert "Linked by hand from 1 page" in section and "Hand guide" in section
    assert "Linked automatically from 1 page" in section and "Auto guide" in section
