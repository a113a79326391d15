"""A save through the admin does only what the save needs: the "where is this used"
panel, which reads every body for hand-written links, is worked out only when the
form is shown (issue 29: seconds a save with 100,000 terms)."""

from bs4 import BeautifulSoup
from django.db import connection
from django.forms import modelform_factory
from django.test.utils import CaptureQueriesContext

from glossary_site.editorial.forms import ItemForm
from glossary_site.testing.admin_forms import change_data
from terms.models import Term

HAND_LINK_SCAN = '"body" LIKE'


def test_a_saved_edit_redirects_without_looking_for_hand_links(make_term, make_article, admin_client):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    make_article(title="By hand", body="## Read\n\nSee [the book](/glossary/ledger/).")
    url = f"/admin/terms/term/{term.pk}/change/"
    data = change_data(term, term.version, body="## What\n\nWhere every entry goes.")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Term.objects.get(pk=term.pk).body == "## What\n\nWhere every entry goes."
    assert not [query["sql"] for query in queries if HAND_LINK_SCAN in query["sql"]]


def test_a_form_shown_again_says_where_the_term_was_used_as_stored(make_term, make_article, admin_client):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    make_article(title="By hand", body="## Read\n\nSee [the book](/glossary/ledger/).")
    # An address already taken: the form comes back with the error and the panel.
    make_term(title="Journal", slug="journal")
    data = change_data(term, term.version, slug="journal")
    response = admin_client.post(f"/admin/terms/term/{term.pk}/change/", data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    heading = " ".join(page.find(string=lambda text: "Where this term is used" in text).split())
    assert heading == "Where this term is used: 1 page links it, 1 address"
    shown = " ".join(page.select_one(".field-where_used").get_text().split())
    assert "Its addresses: /glossary/ledger/" in shown and "By hand" in shown


def _posted(admin_client, term, **changes):
    """The queries of a change form's POST, which must save."""
    data = change_data(term, term.version, **changes)
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(f"/admin/terms/term/{term.pk}/change/", data)
    assert response.status_code == 302
    return [query["sql"] for query in queries]


def test_a_saved_edit_reads_the_stored_term_once_for_all_its_checks(make_term, admin_client):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    queries = _posted(admin_client, term, body="## What\n\nWhere every entry goes.")
    whole_row = f'FROM "terms_term" WHERE "terms_term"."id" = {term.pk}'
    # The admin's own read of the object, and the one the form's checks share.
    assert sum(sql.startswith('SELECT "terms_term"."id"') and whole_row in sql for sql in queries) == 2
    assert Term.objects.get(pk=term.pk).body == "## What\n\nWhere every entry goes."


def test_a_saved_edit_looks_for_a_scheduled_change_once(make_term, admin_client):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    queries = _posted(admin_client, term, body="## What\n\nWhere every entry goes.")
    # The fieldsets and the form both ask, before the save: one read answers both.
    read = 'SELECT "glossary_site_scheduledchange"."id"'
    assert sum(sql.startswith(read) for sql in queries) == 1


def test_a_saved_edit_keeping_its_address_asks_once_if_another_page_held_it(make_term, admin_client):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    queries = _posted(admin_client, term, body="## What\n\nWhere every entry goes.")
    # Asked for someone else's old address (as the model's clean() asks too), not the
    # lookup after the save that frees the term's own.
    held = [sql for sql in queries if 'FROM "glossary_site_slugredirect"' in sql and "NOT (" in sql]
    assert len(held) == 2


def test_a_saved_edit_reads_related_terms_once_and_a_change_of_them_is_saved(make_term, admin_client):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    journal = make_term(title="Journal", slug="journal")
    term.related.add(journal)
    queries = _posted(admin_client, term, body="## What\n\nWhere every entry goes.", related=[journal.pk])
    # Read for the form; left as it was, not read again to write nothing.
    assert sum('"terms_term_related"' in sql for sql in queries) == 1
    assert list(Term.objects.get(pk=term.pk).related.all()) == [journal]
    term = Term.objects.get(pk=term.pk)
    _posted(admin_client, term, related=[])
    assert not Term.objects.get(pk=term.pk).related.exists()


def test_related_terms_given_as_initial_values_are_saved_though_posted_as_given(make_term):
    term = make_term(title="Ledger", slug="ledger", body="## What\n\nWhere entries go.")
    journal = make_term(title="Journal", slug="journal")
    fields = ["title", "slug", "summary", "body", "status", "published_at", "related"]
    values = {name: getattr(term, name) for name in fields[:-1]}
    data = {**values, "published_at": term.published_at.isoformat(), "related": [journal.pk]}
    form = modelform_factory(Term, form=ItemForm, fields=fields)(
        data=data, instance=term, initial={"related": [journal.pk]}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert list(Term.objects.get(pk=term.pk).related.all()) == [journal]
