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


def test_the_admin_action_asks_which_term_stays_then_merges(pair, admin_client):
    kept, gone, _ = pair
    chosen = {"action": "merge_terms", "_selected_action": [kept.pk, gone.pk]}

    page = BeautifulSoup(admin_client.post("/admin/terms/term/", chosen).content, "html.parser")
    assert page.select_one("h1").get_text() == "Merge two terms"
    assert {int(radio["value"]) for radio in page.select("input[name=keep]")} == {kept.pk, gone.pk}
    assert Term.objects.filter(pk=gone.pk).exists(), "nothing changes before the confirmation"

    done = admin_client.post("/admin/terms/term/", {**chosen, "keep": kept.pk, "confirm": "yes"}, follow=True)

    assert "“Web service” is merged into “Application programming interface”" in done.content.decode()
    assert not Term.objects.filter(pk=gone.pk).exists()
    assert SlugRedirect.objects.get(old_slug="web-service").object_id == kept.pk


def test_the_merge_action_needs_exactly_two_terms(pair, admin_client):
    kept, _, other = pair
    response = admin_client.post(
        "/admin/terms/term/", {"action": "merge_terms", "_selected_action": [kept.pk]}, follow=True
    )
    assert "Select exactly two terms to merge." in response.content.decode()
    assert Term.objects.count() == 3
