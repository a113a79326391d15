"""A rename keeps the pages that named the old title linked: the confirmation offers
to keep the old name as an alias, ticked when other pages use it, and asks as a
question, not as an error."""

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from glossary_site.markup.relinking import relink_all
from glossary_site.testing.admin_forms import change_data
from terms.models import Term, TermAlias

PAGES = 5


@pytest.fixture
def ledger(make_term, make_article):
    """A live term linked automatically from five articles by its name alone."""
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries are written.")
    for n in range(PAGES):
        make_article(title=f"Guide {n}", body=f"## Read\n\nPost the sum to the ledger, step {n}.")
    assert Article.objects.filter(mentioned_terms=term).count() == PAGES
    return term


def rename(client, term, **extra):
    url = f"/admin/terms/term/{term.pk}/change/"
    data = change_data(term, term.version, title="General Ledger", slug="general-ledger")
    return client.post(url, {**data, **extra})


def linking(term):
    return [
        article.title
        for article in Article.objects.order_by("title")
        if f'href="/glossary/{term.slug}/"' in article.body_html and term in article.mentioned_terms.all()
    ]


def test_the_rename_confirmation_is_a_question_with_the_old_name_kept_by_default(ledger, admin_client):
    page = BeautifulSoup(rename(admin_client, ledger).content, "html.parser")

    assert page.select(".errornote") == [] and page.select(".errorlist") == []
    assert not page.title.get_text().startswith("Error")
    notice = page.select_one(".edit-impact")
    assert notice.select_one("h2").get_text() == "Rename “Ledger” to “General Ledger”?"
    keep = notice.select_one("input[name=keep_old_name]")
    assert keep.has_attr("checked")
    assert (
        notice.select_one(f"label[for={keep['id']}]").get_text(" ", strip=True) == "Keep “Ledger” as an alias"
    )
    help_text = " ".join(notice.select_one("#keep-old-name-help").get_text().split())
    assert help_text.startswith(f"{PAGES} other pages link or mention “Ledger”.")
    assert notice.select_one("button[name=confirm_impact]").get_text() == "Yes, rename"
    assert Term.objects.get(pk=ledger.pk).title == "Ledger", "nothing saved before the confirmation"


def test_confirming_with_the_default_keeps_every_page_linked_to_the_renamed_term(
    ledger, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the relinking queued at commit
        saved = rename(admin_client, ledger, confirm_impact="on", keep_old_name="on")
    relink_all("test")  # what the worker does; nothing is left for it

    assert saved.status_code == 302
    term = Term.objects.get(pk=ledger.pk)
    assert (term.title, term.slug) == ("General Ledger", "general-ledger")
    assert list(term.aliases.values_list("name", "slug")) == [("Ledger", "ledger")]
    assert linking(term) == [f"Guide {n}" for n in range(PAGES)]


def test_unticking_the_old_name_lets_the_pages_lose_their_link(
    ledger, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert rename(admin_client, ledger, confirm_impact="on").status_code == 302
    relink_all("test")

    term = Term.objects.get(pk=ledger.pk)
    assert not term.aliases.exists()
    assert linking(term) == []


def test_the_old_name_is_not_offered_ticked_when_no_page_uses_it(make_term, admin_client):
    lonely = make_term(title="Ledger", slug="ledger", body="## What\n\nNobody links this.")
    notice = BeautifulSoup(rename(admin_client, lonely).content, "html.parser").select_one(".edit-impact")

    assert not notice.select_one("input[name=keep_old_name]").has_attr("checked")
    assert "0 other pages link or mention “Ledger”" in notice.get_text()


def test_an_old_name_whose_address_is_taken_says_so_and_gets_a_free_one(
    make_term, make_article, admin_client
):
    make_term(title="Ledger (database)", slug="ledger")
    book = make_term(title="Ledger", slug="ledger-book", body="## What\n\nWhere entries are written.")
    make_article(title="Guide", body="## Read\n\nPost the sum to the ledger.")
    url = f"/admin/terms/term/{book.pk}/change/"
    data = change_data(book, book.version, title="General Ledger", slug="general-ledger")

    notice = BeautifulSoup(admin_client.post(url, data).content, "html.parser").select_one(".edit-impact")
    said = " ".join(notice.select_one("#keep-old-name-help").get_text().split())
    assert (
        "/glossary/ledger/ is the address of “Ledger (database)”: the alias gets /glossary/ledger-2/" in said
    )

    assert admin_client.post(url, {**data, "confirm_impact": "on", "keep_old_name": "on"}).status_code == 302
    assert TermAlias.objects.get(term=book).slug == "ledger-2"


def test_a_title_only_rename_gives_the_alias_an_address_of_its_own(ledger, admin_client):
    url = f"/admin/terms/term/{ledger.pk}/change/"
    data = change_data(ledger, ledger.version, title="General Ledger")
    notice = BeautifulSoup(admin_client.post(url, data).content, "html.parser").select_one(".edit-impact")
    assert "/glossary/ledger/ is this term's own address" in " ".join(notice.get_text().split())

    saved = admin_client.post(url, {**data, "confirm_impact": "on", "keep_old_name": "on"}, follow=True)

    assert "“Ledger” is kept as an alias of “General Ledger”" in saved.content.decode()
    assert list(TermAlias.objects.values_list("name", "slug")) == [("Ledger", "ledger-2")]
