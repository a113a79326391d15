"""Text is stored as the admin's form posts it, whatever the path: \\n line endings
and no blank space at either end. Otherwise the first admin save of an imported or
demo item changed every line, and its revision diff showed nothing useful."""

import importlib

from bs4 import BeautifulSoup
from django.apps import apps

from glossary_site.testing.admin_forms import form_data
from terms.models import Term


def browser_post_of(html):
    """What a browser posts for the admin form untouched: its values, the ticked
    boxes, and every text box's line endings as CRLF (as browsers send them)."""
    data = form_data(html)
    for box in BeautifulSoup(html, "html.parser").select("form#term_form input[type=checkbox][checked]"):
        data[box["name"]] = box.get("value", "on")
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()
    }


def history_rows(client, term):
    page = BeautifulSoup(client.get(f"/admin/terms/term/{term.pk}/history/").content, "html.parser")
    cells = [row.find_all("td", recursive=False)[-1] for row in page.select("tr.revision")]
    # What changed: the names of the changed fields, or a sentence when none did.
    return [" ".join((cell.select_one("summary") or cell).get_text().split()) for cell in cells]


def test_text_saved_with_crlf_is_stored_with_newlines_and_no_blank_ends(make_term):
    term = make_term(
        title="Ledger ",
        summary="Where entries go.\r\n",
        body="\r\n## What\r\n\r\nWhere entries are written.\r\n",
        never_link_in="general ledger\r\nledger line\r\n",
    )
    term.refresh_from_db()
    assert (term.title, term.summary) == ("Ledger", "Where entries go.")
    assert term.body == "## What\n\nWhere entries are written."
    assert term.never_link_in == "general ledger\nledger line"
    assert term.history.first().body == term.body


def test_a_demo_term_saved_unchanged_through_the_admin_records_no_change(demo, db, admin_client):
    term = Term.objects.get(slug="webhook")
    url = f"/admin/terms/term/{term.pk}/change/"
    data = browser_post_of(admin_client.get(url).content.decode())
    assert "\r\n" in data["body"], "the demo body has lines, posted as CRLF"

    assert admin_client.post(url, data).status_code == 302

    newest, before = term.history.order_by("-history_date", "-history_id")[:2]
    assert newest.body == before.body
    assert history_rows(admin_client, term)[0] == "No change to the text or publishing"


def test_a_title_only_rename_of_a_demo_term_names_title_and_slug_only(demo, db, admin_client):
    term = Term.objects.get(slug="webhook")
    url = f"/admin/terms/term/{term.pk}/change/"
    data = browser_post_of(admin_client.get(url).content.decode())
    renamed = {**data, "title": "Web callback", "slug": "web-callback", "confirm_impact": "on"}

    assert admin_client.post(url, renamed).status_code == 302

    assert history_rows(admin_client, term)[0] == "Title, Slug"


def test_the_migration_rewrites_stored_text_without_a_revision(make_term):
    term = make_term(title="Ledger", body="## What\n\nWritten.")
    crlf = "## What\r\n\r\nWritten.\r\n"
    Term.objects.filter(pk=term.pk).update(body=crlf)
    term.history.update(body=crlf)
    revisions, version = term.history.count(), Term.objects.get(pk=term.pk).version
    migration = importlib.import_module("terms.migrations.0008_normalise_line_endings")

    migration.normalise(apps, None)

    stored = Term.objects.get(pk=term.pk)
    assert (stored.body, stored.version) == ("## What\n\nWritten.", version)
    assert term.history.count() == revisions
    assert set(term.history.values_list("body", flat=True)) == {"## What\n\nWritten."}
