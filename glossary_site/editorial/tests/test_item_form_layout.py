"""The item form in the order an editor works: what the page says first, then when
it is public, then the technical panels folded with a line each; "Take over this
address" only where an address is taken."""

import re

import pytest
from bs4 import BeautifulSoup

from glossary_site.testing.admin_forms import change_data


def fieldset_titles(page):
    """Each fieldset's title as the editor reads it (a folded one's from its summary)."""
    return [
        " ".join(h2.get_text().split())
        for h2 in page.select("#content-main fieldset.module h2")
        if not h2.find_parent(class_="inline-group")
    ]


def field_order(page):
    """The names of the form's rows, top to bottom."""
    return [
        name.removeprefix("field-")
        for row in page.select("#content-main fieldset .form-row")
        for name in row["class"]
        if name.startswith("field-")
    ]


def test_a_terms_form_reads_title_summary_body_then_publishing_then_folded_details(admin_page, make_term):
    term = make_term(title="Webhook", never_link_in="for instance\ntypes of")

    page = admin_page(f"/admin/terms/term/{term.pk}/change/")

    order = [name for name in field_order(page) if name in {"title", "summary", "body", "status", "related"}]
    assert order == ["title", "summary", "body", "status", "related"]
    saved = page.select_one(".field-last_saved .readonly").get_text()
    assert fieldset_titles(page) == [
        "Publishing",
        "Related terms",
        "Linking rules: linked automatically, capitals as written, never in 2 phrases",
        "Where this term is used: 0 pages link it, 1 address",
        f"Details: 1 min read, last saved {saved}",
    ]
    folded = [
        " ".join(summary.get_text().split())
        for summary in page.select("#content-main fieldset details summary")
    ]
    assert folded == fieldset_titles(page)[2:], "the technical panels are folded, the rest open"


def test_an_articles_form_has_publishing_before_byline_and_cover(admin_page, make_article):
    article = make_article(title="Scaling reads")

    page = admin_page(f"/admin/articles/article/{article.pk}/change/")

    assert fieldset_titles(page)[:3] == ["Publishing", "Byline and tags", "Cover image"]
    assert (
        page.select_one("#content-main fieldset details summary").get_text(strip=True).startswith("Details:")
    )


@pytest.mark.parametrize("url", ["/admin/terms/term/add/", "/admin/articles/article/add/"])
def test_the_summary_is_a_box_that_shows_it_whole_within_the_limit(admin_page, url):
    summary = admin_page(url).select_one("[name=summary]")

    assert (summary.name, summary["maxlength"], int(summary["rows"]) >= 3) == ("textarea", "300", True)


def test_times_on_the_form_name_their_zone(admin_page, make_term):
    term = make_term()

    shown = (
        admin_page(f"/admin/terms/term/{term.pk}/change/")
        .select_one(".field-last_saved .readonly")
        .get_text()
    )

    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC", shown), shown


def test_take_over_this_address_is_not_offered_on_an_ordinary_form(admin_page, make_term):
    term = make_term()

    page = admin_page(f"/admin/terms/term/{term.pk}/change/")

    row = page.select_one(".form-row.field-take_over_slug")
    assert "hidden" in row["class"] and row.select_one("[name=take_over_slug]")["type"] == "hidden"


def test_take_over_this_address_is_offered_after_the_address_is_refused(admin_client, make_term):
    old = make_term(title="Old", slug="shared")
    old.slug = "old-new"
    old.save()  # /glossary/shared/ now redirects to it
    newcomer = make_term(title="Newcomer", slug="newcomer")
    url = f"/admin/terms/term/{newcomer.pk}/change/"

    refused = BeautifulSoup(
        admin_client.post(url, change_data(newcomer, newcomer.version, slug="shared")).content, "html.parser"
    )

    assert "Take over this address" in refused.select_one(".field-slug .errorlist").get_text()
    row = refused.select_one(".form-row.field-take_over_slug")
    assert "hidden" not in row["class"] and row.select_one("[name=take_over_slug]")["type"] == "checkbox"
    taken = admin_client.post(
        url, change_data(newcomer, newcomer.version, slug="shared", take_over_slug="on", confirm_impact="on")
    )
    assert taken.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.slug == "shared"
