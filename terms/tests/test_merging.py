"""Merging two terms: the folded term's name, addresses, aliases, related terms and
mentions all lead to the kept one; its revisions stay."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.content.models import SlugRedirect
from terms.merging import merge
from terms.models import Term, TermAlias


@pytest.fixture
def pair(make_term):
    kept = make_term(title="Application programming interface", slug="api", body="## What\n\nA contract.")
    gone = make_term(title="Web service", slug="web-services", body="## What\n\nOld text.")
    gone.slug = "web-service"
    gone.save()  # /glossary/web-services/ is an old address of it
    TermAlias.objects.create(term=gone, name="WS", slug="ws")
    other = make_term(title="SOAP", slug="soap", body="## What\n\nXML.")
    gone.related.add(other)
    return kept, gone, other


def test_merging_makes_the_folded_title_an_alias_and_its_addresses_answer_301(pair, client):
    kept, gone, other = pair
    merge(kept, gone)

    assert not Term.objects.filter(pk=gone.pk).exists()
    assert set(kept.aliases.values_list("name", "slug")) == {("Web service", "web-service"), ("WS", "ws")}
    for old in ("web-service", "web-services", "ws"):
        response = client.get(f"/glossary/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/glossary/api/"), old
    assert list(kept.related.all()) == [other]


def test_bodies_that_named_the_folded_term_link_the_kept_one(
    pair, make_article, django_capture_on_commit_callbacks
):
    kept, gone, _ = pair
    article = make_article(title="Guide", body="## Read\n\nEvery web service has a contract.")
    assert 'href="/glossary/web-service/"' in article.body_html

    with django_capture_on_commit_callbacks(execute=True):  # the relinking queued at commit
        merge(kept, gone)

    article.refresh_from_db()
    assert 'href="/glossary/api/"' in article.body_html
    assert list(article.mentioned_terms.all()) == [kept]


def test_the_folded_terms_revisions_stay_findable(pair, admin_client):
    kept, gone, _ = pair
    gone_id = gone.pk
    merge(kept, gone)

    last = Term.history.filter(id=gone_id).order_by("-history_date").first()
    assert (last.history_type, last.history_change_reason) == ("-", f"Merged into “{kept.title}”")
    assert last.body == "## What\n\nOld text."
    deleted = admin_client.get("/admin/terms/term/deleted/").content.decode()
    assert "Web service" in deleted
    kept.refresh_from_db()
    assert kept.history.first().history_change_reason == "“Web service” merged into this term"


def test_the_admin_action_asks_which_term_stays_then_which_goes_then_merges(pair, admin_client):
    kept, gone, _ = pair
    chosen = {"action": "merge_terms", "_selected_action": [kept.pk, gone.pk]}

    page = BeautifulSoup(admin_client.post("/admin/terms/term/", chosen).content, "html.parser")
    assert page.select_one("h1").get_text() == "Merge two terms"
    assert {int(radio["value"]) for radio in page.select("input[name=keep]")} == {kept.pk, gone.pk}
    asked = admin_client.post("/admin/terms/term/", {**chosen, "keep": kept.pk})
    page = BeautifulSoup(asked.content, "html.parser")
    assert (
        page.select_one("h1").get_text()
        == "Delete “Web service” and keep “Application programming interface”?"
    )
    assert page.select_one("button.default").get_text() == (
        "Delete “Web service” and merge it into “Application programming interface”"
    )
    assert Term.objects.filter(pk=gone.pk).exists(), "nothing changes before the confirmation"

    confirmed = {**chosen, "keep": kept.pk, "delete": gone.pk, "confirm": "yes"}
    done = admin_client.post("/admin/terms/term/", confirmed, follow=True)

    assert "“Web service” is merged into “Application programming interface”" in done.content.decode()
    assert not Term.objects.filter(pk=gone.pk).exists()
    assert SlugRedirect.objects.get(old_slug="web-service").object_id == kept.pk


@pytest.fixture
def webhooks(make_term, make_article):
    """ "Webhook", established (three pages link it, a related term), and "Web Hook",
    a fresh duplicate nothing links, which sorts first."""
    established = make_term(title="Webhook", slug="webhook", body="## What\n\nA call back.")
    for n in range(3):
        make_article(title=f"Payments {n}", body=f"## Read\n\nSend a webhook when paid, case {n}.")
    established.related.add(make_term(title="Callback", slug="callback"))
    duplicate = make_term(title="Web Hook", slug="web-hook", body="## What\n\nSee the other one.")
    return established, duplicate


def merge_page(client, *terms, **posted):
    chosen = {"action": "merge_terms", "_selected_action": [term.pk for term in terms], **posted}
    return BeautifulSoup(client.post("/admin/terms/term/", chosen).content, "html.parser")


def test_the_merge_keeps_the_term_with_more_links_by_default_and_shows_both_counts(webhooks, admin_client):
    established, duplicate = webhooks
    page = merge_page(admin_client, duplicate, established)

    assert [int(radio["value"]) for radio in page.select("input[name=keep][checked]")] == [established.pk]
    counts = {
        section.select_one("h2").get_text(): dict(
            zip(
                [dt.get_text() for dt in section.select("dt")],
                [" ".join(dd.get_text().split()) for dd in section.select("dd")],
                strict=True,
            )
        )
        for section in page.select(".merge-candidate")
    }
    assert list(counts) == ["Web Hook", "Webhook"]
    assert counts["Webhook"]["Links in all"] == "4"
    assert counts["Webhook"]["Linked automatically from"] == "3 pages"
    assert counts["Webhook"]["Related to"] == "1 term"
    assert counts["Web Hook"]["Links in all"] == "0"


def test_choosing_to_delete_the_term_with_more_links_is_said_before_the_confirmation(webhooks, admin_client):
    established, duplicate = webhooks
    page = merge_page(admin_client, duplicate, established, keep=duplicate.pk)

    assert page.select_one("#merge-deleted-title").get_text() == "“Webhook” will be deleted"
    warning = " ".join(page.select_one(".merge-warning").get_text().split())
    assert warning.startswith("“Webhook” has more links (4) than “Web Hook” (0).")


def test_a_confirmation_that_does_not_name_the_deleted_term_merges_nothing(webhooks, admin_client):
    established, duplicate = webhooks
    for wrong in ({}, {"delete": established.pk}):
        page = merge_page(admin_client, duplicate, established, keep=established.pk, confirm="yes", **wrong)
        assert page.select_one("#merge-deleted-title").get_text() == "“Web Hook” will be deleted"
    assert Term.objects.filter(pk__in=[established.pk, duplicate.pk]).count() == 2


def test_the_merge_action_needs_exactly_two_terms(pair, admin_client):
    kept, _, other = pair
    response = admin_client.post(
        "/admin/terms/term/", {"action": "merge_terms", "_selected_action": [kept.pk]}, follow=True
    )
    assert "Select exactly two terms to merge." in response.content.decode()
    assert Term.objects.count() == 3
