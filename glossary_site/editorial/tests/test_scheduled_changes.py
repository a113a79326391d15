"""Scheduled changes to live pages: the current version stays public until the time,
then the new one (or the unpublishing) goes public by itself, with no cron job."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial import scheduling
from glossary_site.testing.admin_forms import change_data
from terms.models import Term

SECONDS_AHEAD = 60


def moment(seconds):
    return (timezone.now() + timedelta(seconds=seconds)).replace(microsecond=0)


def at(due):
    local = timezone.localtime(due)
    return {"change_at_0": local.strftime("%Y-%m-%d"), "change_at_1": local.strftime("%H:%M:%S")}


def wait_until(clock, due):
    clock.move_to(due + timedelta(seconds=0.2))


def body_of(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".prose").get_text()


def test_a_scheduled_edit_keeps_the_live_version_until_its_time_then_shows_the_new_one(
    make_term, admin_client, reader, visit, clock
):
    term = make_term(title="Webhook", slug="webhook", body="## Use\n\nThe old words.")
    due = moment(SECONDS_AHEAD)
    url = f"/admin/terms/term/{term.pk}/change/"

    saved = admin_client.post(
        url, change_data(term, term.version, body="## Use\n\nThe new words.", **at(due))
    )

    assert saved.status_code == 302
    old = reader.get("/glossary/webhook/")
    assert old.status_code == 200 and "The old words." in body_of(old)
    listing = BeautifulSoup(admin_client.get("/admin/terms/term/").content, "html.parser")
    badge = (
        listing.select_one("#result_list")
        .find("a", string="Webhook")
        .find_parent("tr")
        .select_one(".status-badge")
        .get_text()
    )
    assert badge.startswith("Published · change scheduled for ")

    wait_until(clock, due)

    new = reader.get("/glossary/webhook/")
    assert new.status_code == 200 and "The new words." in body_of(new)
    assert ScheduledChange.objects.exists(), "the reader's request saved nothing"
    scheduling.make_due_changes_public.call()  # the worker, at the time
    assert not ScheduledChange.objects.exists()
    last = Term.objects.get(pk=term.pk).history.first()
    assert (last.history_user.username, last.history_change_reason.startswith("Scheduled change")) == (
        "admin",
        True,
    )


def test_a_scheduled_unpublishing_keeps_the_page_until_its_time_then_answers_410(
    make_term, admin_client, reader, clock
):
    term = make_term(slug="webhook")
    due = moment(SECONDS_AHEAD)
    url = f"/admin/terms/term/{term.pk}/change/"

    admin_client.post(
        url, change_data(term, term.version, unpublish_at_change="on", confirm_impact="on", **at(due))
    )

    assert reader.get("/glossary/webhook/").status_code == 200
    wait_until(clock, due)
    assert reader.get("/glossary/webhook/").status_code == 410
    assert Term.objects.get(pk=term.pk).status == "published", "the reader's request saved nothing"
    scheduling.make_due_changes_public.call()  # the worker, at the time
    assert Term.objects.get(pk=term.pk).status == "draft"


def test_moving_a_live_pages_date_ahead_schedules_the_change_instead_of_taking_it_down(
    make_term, admin_client, reader
):
    term = make_term(slug="webhook", body="## Use\n\nOld.")
    later = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(later)
    data = change_data(term, term.version, body="## Use\n\nNew.")
    data.update(published_at_0=local.strftime("%Y-%m-%d"), published_at_1=local.strftime("%H:%M:%S"))

    assert admin_client.post(f"/admin/terms/term/{term.pk}/change/", data).status_code == 302

    page = reader.get("/glossary/webhook/")
    assert page.status_code == 200 and "Old." in body_of(page)
    change = ScheduledChange.objects.get()
    assert (change.due_at, change.values) == (later, {"body": "## Use\n\nNew."})
    assert Term.objects.get(pk=term.pk).published_at == term.published_at


def test_the_schedule_action_leaves_a_live_page_public(make_term, admin_client, reader):
    term = make_term(slug="webhook")
    later = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    admin_client.post(
        "/admin/terms/term/",
        {"action": "schedule", "_selected_action": [term.pk], "publish_at": later, "index": 0},
    )
    assert reader.get("/glossary/webhook/").status_code == 200
    assert Term.objects.get(pk=term.pk).published_at == term.published_at


def test_a_scheduled_change_can_be_cancelled(make_term, admin_client, reader, clock):
    term = make_term(slug="webhook", body="## Use\n\nOld.")
    due = moment(SECONDS_AHEAD)
    url = f"/admin/terms/term/{term.pk}/change/"
    admin_client.post(url, change_data(term, term.version, body="## Use\n\nNew.", **at(due)))

    form = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert "Published · change scheduled for" in form.select_one(".field-scheduled_change").get_text()
    admin_client.post(url, change_data(term, term.version, cancel_scheduled_change="on"))
    wait_until(clock, due)

    assert "Old." in body_of(reader.get("/glossary/webhook/"))
    assert not ScheduledChange.objects.exists()
