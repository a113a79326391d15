"""A scheduled change to a live page, seen on its form: the form shows the version
waiting to go public under a banner saying what is live and what goes live when;
saving it again amends it, the banner's button cancels it; one message each."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.utils import timezone

from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial.publishing import when
from glossary_site.testing.admin_forms import change_data
from terms.models import Term


def moment(hours):
    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


def at(due):
    local = timezone.localtime(due)
    return {"change_at_0": local.strftime("%Y-%m-%d"), "change_at_1": local.strftime("%H:%M:%S")}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def scheduled_webhook(make_term, admin_client, due, body="## Use\n\nThe new words."):
    term = make_term(title="Webhook", slug="webhook", body="## Use\n\nThe old words.")
    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/", change_data(term, term.version, body=body, **at(due))
    )
    said = messages_of(response)
    admin_client.get(response["Location"])  # the page after the save, which shows (and uses up) its message
    return term, said


def test_scheduling_a_change_says_so_once_with_the_time_and_its_zone(make_term, admin_client):
    due = moment(2)

    _, said = scheduled_webhook(make_term, admin_client, due)

    assert said == [
        f"“Webhook” stays as it is on the site until {when(due)}; then your change goes public by itself."
    ]
    assert when(due).endswith(" UTC")


def test_the_form_opens_on_the_scheduled_version_under_a_banner(make_term, admin_client):
    due = moment(2)
    term, _ = scheduled_webhook(make_term, admin_client, due)

    page = BeautifulSoup(admin_client.get(f"/admin/terms/term/{term.pk}/change/").content, "html.parser")

    banner = " ".join(page.select_one(".scheduled-banner").get_text().split())
    assert f"Change scheduled for {when(due)}" in banner
    assert "Live now: the version readers see at /glossary/webhook/" in banner
    assert "changed: Body" in banner
    assert page.select_one("textarea[name=body]").get_text().strip() == "## Use\n\nThe new words."
    local = timezone.localtime(due)
    assert page.select_one("[name=change_at_0]")["value"] == local.strftime("%Y-%m-%d")
    assert page.select_one("[name=change_at_1]")["value"].startswith(local.strftime("%H:%M"))
    assert Term.objects.get(pk=term.pk).body == "## Use\n\nThe old words.", "nothing live changed"


def test_saving_the_scheduled_version_again_amends_it(make_term, admin_client):
    term, _ = scheduled_webhook(make_term, admin_client, moment(2))
    later = moment(5)

    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/",
        change_data(
            term, term.version, summary="Events over HTTP.", body="## Use\n\nBetter new words.", **at(later)
        ),
    )

    change = ScheduledChange.objects.get()
    assert (change.due_at, change.values) == (
        later,
        {"summary": "Events over HTTP.", "body": "## Use\n\nBetter new words."},
    )
    assert messages_of(response) == [
        f"The scheduled change of “Webhook” was updated: it happens at {when(later)}."
    ]
    assert Term.objects.get(pk=term.pk).body == "## Use\n\nThe old words."


def test_saving_the_scheduled_version_with_no_time_publishes_it_now_in_its_place(make_term, admin_client):
    term, _ = scheduled_webhook(make_term, admin_client, moment(2))

    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/",
        change_data(term, term.version, body="## Use\n\nThe new words."),
    )

    assert Term.objects.get(pk=term.pk).body == "## Use\n\nThe new words."
    assert not ScheduledChange.objects.exists()
    assert messages_of(response) == [
        "“Webhook” was saved and is public now, in place of the scheduled change."
    ]


def test_the_banners_cancel_keeps_the_live_version_and_saves_nothing_of_the_form(make_term, admin_client):
    term, _ = scheduled_webhook(make_term, admin_client, moment(2))
    url = f"/admin/terms/term/{term.pk}/change/"

    response = admin_client.post(url, {"cancel_scheduled_change": "on"})

    assert (response.status_code, response["Location"]) == (302, url)
    assert not ScheduledChange.objects.exists()
    assert Term.objects.get(pk=term.pk).body == "## Use\n\nThe old words."
    assert messages_of(response) == [
        "The scheduled change was cancelled: “Webhook” stays as it is on the site."
    ]
    page = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert page.select_one(".scheduled-banner") is None
    assert page.select_one("textarea[name=body]").get_text().strip() == "## Use\n\nThe old words."


def test_staff_who_may_not_publish_cannot_cancel_a_scheduled_change(
    make_term, admin_client, client, django_user_model
):
    from django.contrib.auth.models import Permission

    term, _ = scheduled_webhook(make_term, admin_client, moment(2))
    writer = django_user_model.objects.create_user("writer", "w@example.com", "pw", is_staff=True)
    writer.user_permissions.add(*Permission.objects.filter(codename__in=["view_term", "change_term"]))
    client.force_login(writer)
    url = f"/admin/terms/term/{term.pk}/change/"

    refused = client.post(url, {"cancel_scheduled_change": "on"})
    page = BeautifulSoup(client.get(url).content, "html.parser")

    assert refused.status_code == 403 and ScheduledChange.objects.exists()
    assert "This form shows the live version" in page.select_one(".scheduled-banner").get_text()
    assert page.select_one("textarea[name=body]").get_text().strip() == "## Use\n\nThe old words."


def test_the_list_badge_of_a_scheduled_change_is_not_publisheds(make_term, admin_client):
    scheduled_webhook(make_term, admin_client, moment(2))

    listing = BeautifulSoup(admin_client.get("/admin/terms/term/").content, "html.parser")

    badge = listing.select_one("#result_list .status-badge")
    assert "status-change-scheduled" in badge["class"] and "status-published" not in badge["class"]
