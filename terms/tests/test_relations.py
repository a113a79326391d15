"""Aliases, related terms and the articles that mention a term, as readers see them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from terms.models import Term, TermAlias


def test_an_alias_address_redirects_permanently_to_the_term(make_term, client):
    term = make_term(title="Backend Developer", slug="backend-developer")
    TermAlias.objects.create(term=term, name="Back End Developer", slug="back-end-developer")
    response = client.get("/glossary/back-end-developer/")
    assert response.status_code == 301
    assert response["Location"] == "/glossary/backend-developer/"


def test_an_alias_of_a_draft_term_is_404(make_term, client):
    term = make_term(slug="hidden", status="draft")
    TermAlias.objects.create(term=term, name="Hidden Alias", slug="hidden-alias")
    assert client.get("/glossary/hidden-alias/").status_code == 404


@pytest.mark.parametrize(
    ("name", "slug", "field"),
    [("API", "application-interface", "name"), ("Interface", "api", "slug"), ("Own", "mine", "slug")],
)
def test_an_alias_cannot_take_another_terms_title_or_slug_or_its_own_slug(make_term, name, slug, field):
    make_term(title="API", slug="api")
    term = make_term(title="Mine", slug="mine")
    alias = TermAlias(term=term, name=name, slug=slug)
    with pytest.raises(ValidationError) as error:
        alias.full_clean()
    assert field in error.value.message_dict


def change_form(term, new_aliases):
    """The term's change form as the admin posts it, with new aliases (name, slug)."""
    data = {
        "title": term.title,
        "slug": term.slug,
        "summary": term.summary,
        "body": term.body,
        "status": "published",
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
        "link_automatically": "on",
        "match_case": "auto",
        "aliases-TOTAL_FORMS": str(len(new_aliases)),
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }
    for n, (name, slug) in enumerate(new_aliases):
        data |= {f"aliases-{n}-name": name, f"aliases-{n}-slug": slug}
    return data


def test_admin_shows_a_clear_error_for_a_clashing_alias(make_term, admin_client):
    make_term(title="API", slug="api")
    term = make_term(title="Interface", slug="interface")
    page = admin_client.get(f"/admin/terms/term/{term.pk}/change/")
    assert page.status_code == 200
    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/", change_form(term, [("API", "api-alias")])
    )
    assert response.status_code == 200, "the form is shown again, not saved"
    assert "is already the title of another term" in response.content.decode()
    assert not TermAlias.objects.exists()


def test_two_new_aliases_with_one_address_are_refused_on_the_form(make_term, admin_client):
    term = make_term(title="Interface", slug="interface")
    new_aliases = [("Port", "port"), ("Ports", "port")]
    response = admin_client.post(f"/admin/terms/term/{term.pk}/change/", change_form(term, new_aliases))
    assert response.status_code == 200, "the form is shown again, not saved"
    assert "is given to two aliases here" in response.content.decode()
    assert not TermAlias.objects.exists()


def test_related_terms_show_on_both_term_pages(make_term, visit):
    api = make_term(title="API", slug="api")
    rest = make_term(title="REST", slug="rest")
    draft = make_term(title="Secret", slug="secret", status="draft")
    api.related.add(rest, draft)
    for url, other in (("/glossary/api/", "REST"), ("/glossary/rest/", "API")):
        section = visit(url).find("h2", string="Related terms").parent
        assert [a.get_text() for a in section.select("a")] == [other]


def test_term_page_lists_published_articles_that_mention_it(make_term, make_article, visit):
    make_term(title="Ledger", slug="ledger", summary="A record of money.")
    make_article(title="Money in motion", body="Every payment lands in the ledger.")
    make_article(title="Unpublished thoughts", body="A ledger again.", status="draft")
    section = visit("/glossary/ledger/").find("h2", string="Articles that mention this term").parent
    assert [a.get_text() for a in section.select("a")] == ["Money in motion"]


def test_a_scheduled_related_term_joins_the_page_when_its_time_comes(make_term, visit, clock):
    # The related list is filtered by the database's clock and the page cache by the
    # content counter: the two must agree the moment the term goes public.
    api = make_term(title="API", slug="api")
    soon = timezone.now() + timedelta(minutes=1)
    api.related.add(make_term(title="REST", slug="rest", published_at=soon))
    assert visit("/glossary/api/").find("h2", string="Related terms") is None
    clock.move_to(soon + timedelta(seconds=0.2))
    section = visit("/glossary/api/").find("h2", string="Related terms").parent
    assert [a.get_text() for a in section.select("a")] == ["REST"]


def test_a_much_mentioned_term_lists_only_the_newest_articles(make_term, make_article, visit, settings):
    settings.MENTIONING_ARTICLES_SHOWN = 3
    make_term(title="Ledger", slug="ledger")
    now = timezone.now()
    for n in range(5):
        make_article(title=f"Post {n}", body="The ledger again.", published_at=now - timedelta(days=5 - n))
    section = visit("/glossary/ledger/").find("h2", string="Articles that mention this term").parent
    assert [a.get_text() for a in section.select("a")] == ["Post 4", "Post 3", "Post 2"]


def test_deleting_a_term_with_aliases_whose_body_links_another_term(
    make_term, django_capture_on_commit_callbacks
):
    make_term(title="Ledger", slug="ledger")
    journal = make_term(title="Journal", slug="journal", body="Entries go to the ledger.")
    TermAlias.objects.create(term=journal, name="Day book", slug="day-book")
    with django_capture_on_commit_callbacks(execute=True):
        journal.delete()
    assert not Term.objects.filter(slug="journal").exists()
    assert not TermAlias.objects.filter(slug="day-book").exists()
