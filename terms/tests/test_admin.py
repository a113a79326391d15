"""The glossary's admin at size: related terms are chosen by search, not from a list."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.testing.admin_forms import change_data
from terms.models import Term, TermAlias


@pytest.fixture
def admin_client_for_terms(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_edit_page_does_not_list_every_term(admin_client_for_terms, make_term):
    term = make_term(title="Hub", slug="hub")
    for n in range(30):
        make_term(title=f"Spoke {n}", slug=f"spoke-{n}")
    term.related.add(Term.objects.get(slug="spoke-3"))
    page = admin_client_for_terms.get(f"/admin/terms/term/{term.pk}/change/").content.decode()
    assert page.count("<option") < 10, "only the chosen related terms, not all 31"
    assert "Spoke 3" in page and "Spoke 4" not in page


def test_related_terms_are_found_by_title_or_alias_not_by_body(admin_client_for_terms, make_term):
    make_term(title="Hub", slug="hub")
    make_term(title="Ledger", slug="ledger", body="Nothing about spokes.")
    make_term(title="Spoke", slug="spoke", body="About hubs.")
    Term.objects.get(slug="ledger").aliases.create(name="Journal", slug="journal")

    def found(term):
        response = admin_client_for_terms.get(
            "/admin/autocomplete/",
            {"term": term, "app_label": "terms", "model_name": "term", "field_name": "related"},
        )
        assert response.status_code == 200
        return sorted(result["text"] for result in response.json()["results"])

    assert found("spok") == ["Spoke"]  # "spokes" in the ledger's body does not count
    assert found("journ") == ["Ledger"]


def test_a_terms_page_says_where_it_is_used(make_term, make_article, admin_client):
    from bs4 import BeautifulSoup

    from terms.models import TermAlias

    api = make_term(title="API", slug="api", body="## What\n\nAn interface.")
    TermAlias.objects.create(term=api, name="Web API", slug="web-api")
    api.slug = "apis"
    api.save()  # /glossary/api/ is now an old address
    make_article(title="By hand", body="## Read\n\nSee [the interface](/glossary/apis/#what).")
    make_article(title="By alias", body="## Read\n\nSee [this][x].\n\n[x]: /glossary/web-api/")
    make_term(title="Automatic", body="## Use\n\nEvery API has a contract.")
    make_term(title="Unrelated", body="## Use\n\nNothing [here](/glossary/apis-other/).")
    rest = make_term(title="REST", body="## Use\n\nStyle.")
    rest.related.add(api)

    page = BeautifulSoup(admin_client.get(f"/admin/terms/term/{api.pk}/change/").content, "html.parser")
    shown = " ".join(page.select_one(".field-where_used").get_text().split())

    assert "Its addresses: /glossary/apis/, /glossary/web-api/ (alias “Web API”, 301 to the term), " in shown
    assert "/glossary/api/ (old address, 301 to the term)" in shown
    assert "Linked by hand from 2 pages: a rename leaves these links answering 301" in shown
    assert "By alias" in shown and "By hand" in shown and "Unrelated" not in shown
    assert "Linked automatically from 1 page: these are relinked" in shown and "Automatic" in shown
    assert "Listed as related on 1 term: REST" in shown


def test_an_editor_unticks_link_automatically_of_one_alias_and_the_pages_follow(
    admin_client_for_terms, make_term, make_article, django_capture_on_commit_callbacks
):
    runtime = make_term(title="Container Runtime", slug="container-runtime")
    alias = TermAlias.objects.create(term=runtime, name="Runtime", slug="runtime")
    article = make_article(body="Pick a runtime that starts quickly.")
    assert "term-link" in article.body_html
    url = f"/admin/terms/term/{runtime.pk}/change/"
    page = BeautifulSoup(admin_client_for_terms.get(url).content, "html.parser")
    box = page.select_one("input[name=aliases-0-link_automatically]")
    assert box.has_attr("checked") and box["aria-label"] == "Link automatically of alias “Runtime”"
    rows = {
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "1",
        "aliases-0-id": str(alias.pk),
        "aliases-0-term": str(runtime.pk),
        "aliases-0-name": "Runtime",
        "aliases-0-slug": "runtime",
    }  # the box unticked: a browser sends nothing for it

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_for_terms.post(url, change_data(runtime, runtime.version, **rows))

    assert response.status_code == 302
    alias.refresh_from_db()
    article.refresh_from_db()
    assert alias.link_automatically is False
    assert "term-link" not in article.body_html
