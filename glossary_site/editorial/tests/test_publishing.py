"""Publishing in the admin: the state badge, the filter, publish/unpublish/schedule,
and scheduled items going public by themselves."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from terms.models import Term

LIST = "/admin/terms/term/"


def badges(page):
    return {
        row.select_one("th a").get_text(): row.select_one(".status-badge").get_text()
        for row in page.select("#result_list tbody tr")
    }


def test_list_shows_each_state_as_a_word_in_a_badge(make_term, admin_page):
    soon = timezone.now() + timedelta(days=3)
    make_term(title="Draft one", status="draft")
    make_term(title="Coming one", published_at=soon)
    make_term(title="Live one")

    shown = badges(admin_page(LIST))

    assert shown["Draft one"] == "Draft"
    assert shown["Coming one"].startswith("Scheduled for ")
    assert timezone.localtime(soon).strftime("%Y") in shown["Coming one"]
    assert shown["Live one"] == "Published"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("draft", {"Draft one"}), ("scheduled", {"Coming one"}), ("published", {"Live one"})],
)
def test_list_filters_by_publication_state(make_term, admin_page, choice, expected):
    make_term(title="Draft one", status="draft")
    make_term(title="Coming one", published_at=timezone.now() + timedelta(hours=1))
    make_term(title="Live one")

    page = admin_page(f"{LIST}?publication={choice}")

    assert set(badges(page)) == expected
    assert page.select_one("#changelist-filter").find("a", string="Scheduled")


def test_schedule_action_sets_the_date_and_logs_each_item(make_term, admin_client, admin_user):
    drafts = [make_term(status="draft"), make_term(status="draft")]
    moment = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")

    response = admin_client.post(
        LIST,
        {"action": "schedule", "publish_at": local, "_selected_action": [t.pk for t in drafts]},
        follow=True,
    )

    assert "2 item(s) scheduled for" in response.content.decode()
    for term in drafts:
        term.refresh_from_db()
        assert (term.status, term.published_at) == ("published", moment)
        assert not Term.objects.published().filter(pk=term.pk).exists()
        entry = LogEntry.objects.get(object_id=str(term.pk), user=admin_user)
        assert entry.get_change_message().startswith("Scheduled for ")


def test_schedule_without_a_future_date_changes_nothing(make_term, admin_client):
    draft = make_term(status="draft")
    past = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    for given in ("", past):
        response = admin_client.post(
            LIST, {"action": "schedule", "publish_at": given, "_selected_action": [draft.pk]}, follow=True
        )
        assert "Nothing scheduled: give a date and time in the future" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not LogEntry.objects.filter(object_id=str(draft.pk)).exists()


def test_publish_and_unpublish_actions_are_logged(make_term, admin_client):
    draft = make_term(status="draft")
    admin_client.post(LIST, {"action": "publish", "_selected_action": [draft.pk]})
    # A live page: confirmed, as after the list of what it changes (test_unpublish_confirmation.py).
    admin_client.post(
        LIST, {"action": "unpublish", "_selected_action": [draft.pk], "confirm_unpublish": "yes"}
    )

    messages = [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(draft.pk))]
    assert sorted(messages) == ["Published now (admin action).", "Unpublished: back to draft (admin action)."]


def test_publish_action_goes_through_save_so_search_finds_the_item(make_term, admin_client, client):
    draft = make_term(title="Idempotency key", status="draft", body="Retries are safe with one.")
    admin_client.post(LIST, {"action": "publish", "_selected_action": [draft.pk]})
    assert Term.objects.published().filter(pk=draft.pk).exists()
    from glossary_site.search.models import SearchDocument

    assert SearchDocument.objects.get(kind="term", object_id=draft.pk).status == "published"


def test_a_scheduled_item_goes_public_by_itself_when_its_time_comes(make_term, monkeypatch, admin_page):
    moment = timezone.now() + timedelta(hours=2)
    term = make_term(title="Future term", published_at=moment)
    assert not Term.objects.published().filter(pk=term.pk).exists()
    assert badges(admin_page(LIST))["Future term"].startswith("Scheduled for")

    later = moment + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert Term.objects.published().filter(pk=term.pk).exists()
    assert badges(admin_page(LIST))["Future term"] == "Published"
