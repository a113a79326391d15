"""The bulk "Unpublish" action first lists what it will change for each public page
(editorial/impact.py), and unpublishes only once the editor confirms."""

from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry

from terms.models import Term

LIST = "/admin/terms/term/"


def test_bulk_unpublish_of_live_pages_first_shows_what_will_change(admin_client, make_term):
    target = make_term(title="Ledger", slug="ledger", body="A book of accounts.")
    make_term(title="Bookkeeping", body="Every entry goes in the ledger.")
    make_term(title="Audit", body="Auditors read the [books](/glossary/ledger/).")
    draft = make_term(title="Old draft", status="draft")

    response = admin_client.post(LIST, {"action": "unpublish", "_selected_action": [target.pk, draft.pk]})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    section = page.find("h2", string="Ledger").find_parent("section").get_text(" ", strip=True)
    assert "/glossary/ledger/ will answer 410 Gone" in section
    assert "Pages unlinked automatically: 1" in section and "Bookkeeping" in section
    assert "Pages linking it by hand: 1" in section and "Audit" in section
    assert "Old draft" in page.get_text()
    target.refresh_from_db()
    draft.refresh_from_db()
    assert target.is_published and not LogEntry.objects.exists()


def test_confirming_unpublishes_them(admin_client, make_term):
    target = make_term(title="Ledger", slug="ledger")

    first = BeautifulSoup(
        admin_client.post(LIST, {"action": "unpublish", "_selected_action": [target.pk]}).content,
        "html.parser",
    )
    form = first.select_one("#content-main form")
    data = {}
    for field in form.select("input[type=hidden]"):
        data.setdefault(field["name"], []).append(field["value"])
    response = admin_client.post(LIST, data, follow=True)

    assert "1 item(s) moved back to draft." in response.content.decode()
    target.refresh_from_db()
    assert target.status == Term.Status.DRAFT


def test_unpublishing_only_drafts_and_scheduled_items_needs_no_confirmation(admin_client, make_term):
    draft = make_term(status="draft")
    response = admin_client.post(LIST, {"action": "unpublish", "_selected_action": [draft.pk]}, follow=True)
    assert "moved back to draft" in response.content.decode()
