"""Adversarial roles: what a staff account without the publish permission can do
to a live page, through the real admin and as a browser would post it, whatever
the form shows (issue 26, finding 1)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial import scheduling
from glossary_site.testing.admin_forms import change_data
from terms.models import Term


def moment(seconds):
    return (timezone.now() + timedelta(seconds=seconds)).replace(microsecond=0)


def at(due):
    local = timezone.localtime(due)
    return {"change_at_0": local.strftime("%Y-%m-%d"), "change_at_1": local.strftime("%H:%M:%S")}


@pytest.fixture
def writer(db, django_user_model):
    """Staff who may change and view terms, but not publish them."""
    user = django_user_model.objects.create_user("writer", "w@example.com", "pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_term", "change_term"]))
    client = Client()
    client.force_login(user)
    return client


def test_a_writer_cannot_schedule_the_unpublishing_of_a_live_page(writer, make_term, client, clock):
    term = make_term(slug="webhook")
    due = moment(60)

    writer.post(
        f"/admin/terms/term/{term.pk}/change/",
        change_data(term, term.version, unpublish_at_change="on", confirm_impact="on", **at(due)),
    )
    clock.move_to(due + timedelta(seconds=1))
    scheduling.make_due_changes_public.call()  # the worker, at the time

    assert not ScheduledChange.objects.exists()
    assert Term.objects.get(pk=term.pk).status == "published"
    assert client.get("/glossary/webhook/").status_code == 200
    assert not Term.objects.get(pk=term.pk).history.filter(history_change_reason__startswith="Scheduled")


def test_a_writer_cannot_hold_back_their_edit_of_a_live_page(writer, make_term):
    term = make_term(slug="webhook", body="## Use\n\nOld.")

    writer.post(
        f"/admin/terms/term/{term.pk}/change/",
        change_data(term, term.version, body="## Use\n\nNew.", **at(moment(3600))),
    )

    assert not ScheduledChange.objects.exists()
    assert Term.objects.get(pk=term.pk).body == "## Use\n\nNew.", "saved now, as any edit of theirs"


def test_a_writer_cannot_replace_or_cancel_a_scheduled_unpublishing(writer, make_term, admin_client):
    term = make_term(slug="webhook")
    url = f"/admin/terms/term/{term.pk}/change/"
    due = moment(600)
    admin_client.post(
        url, change_data(term, term.version, unpublish_at_change="on", confirm_impact="on", **at(due))
    )
    scheduled = ScheduledChange.objects.get()

    writer.post(url, change_data(term, term.version, **at(moment(365 * 86400))))
    refused = writer.post(url, {"cancel_scheduled_change": "on"})

    assert refused.status_code == 403
    change = ScheduledChange.objects.get()
    assert (change.pk, change.due_at, change.unpublish) == (scheduled.pk, due, True)


def test_a_writer_cannot_publish_a_draft_from_its_form(writer, make_term):
    draft = make_term(slug="webhook", status="draft")
    url = f"/admin/terms/term/{draft.pk}/change/"

    writer.post(url, change_data(draft, draft.version, status="published"))

    assert Term.objects.get(pk=draft.pk).status == "draft"


def test_a_writers_new_term_stays_a_draft_whatever_it_posts(writer, db, django_user_model):
    user = django_user_model.objects.get(username="writer")
    user.user_permissions.add(Permission.objects.get(codename="add_term"))
    now = timezone.localtime()
    writer.post(
        "/admin/terms/term/add/",
        {
            "title": "Webhook",
            "slug": "webhook",
            "summary": "A callback over HTTP.",
            "body": "## Use\n\nCalls back.",
            "status": "published",
            "published_at_0": now.strftime("%Y-%m-%d"),
            "published_at_1": now.strftime("%H:%M:%S"),
            "link_automatically": "on",
            "match_case": "auto",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert Term.objects.get(slug="webhook").status == "draft"


@pytest.mark.parametrize("action", ["publish", "unpublish", "schedule"])
def test_a_writer_cannot_run_the_publishing_actions(writer, make_term, action):
    live, draft = make_term(slug="live"), make_term(slug="draft", status="draft")
    later = timezone.localtime(moment(86400)).strftime("%Y-%m-%dT%H:%M")

    writer.post(
        "/admin/terms/term/",
        {
            "action": action,
            "_selected_action": [live.pk, draft.pk],
            "publish_at": later,
            "confirm_unpublish": "yes",
            "index": 0,
        },
    )

    states = dict(Term.objects.values_list("slug", "status"))
    assert states == {"live": "published", "draft": "draft"}
    assert Term.objects.get(slug="draft").published_at == draft.published_at
