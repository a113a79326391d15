"""A scheduled change that is due is shown at once to whoever asks, staff or reader,
but saved only by the worker's task (editorial/scheduling.py): no request writes."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial import scheduling
from terms.models import Term


def schedule_then_let_it_fall_due(term, user):
    term.body = "The new text."
    scheduling.schedule(term, timezone.now() + timedelta(hours=1), False, user)
    ScheduledChange.objects.update(due_at=timezone.now() - timedelta(seconds=1))
    scheduling_versions_wake_now()


def scheduling_versions_wake_now():
    from glossary_site.serving import counters

    counters.reschedule()  # the counter row now wakes for the past moment


def test_a_staff_request_saves_nothing_and_the_workers_task_makes_the_change_public(
    admin_client, admin_user, make_term
):
    term = make_term(title="Ledger", body="The old text.")
    schedule_then_let_it_fall_due(term, admin_user)

    assert admin_client.get("/admin/terms/term/").status_code == 200
    assert Term.objects.get(pk=term.pk).body == "The old text."

    scheduling.make_due_changes_public.call()

    assert Term.objects.get(pk=term.pk).body == "The new text."
    assert not ScheduledChange.objects.exists()
    assert "change scheduled for" not in admin_client.get("/admin/terms/term/").content.decode()


def test_a_staff_preview_of_the_public_page_shows_the_change_that_is_due(admin_client, admin_user, make_term):
    term = make_term(title="Ledger", slug="ledger", body="The old text.")
    schedule_then_let_it_fall_due(term, admin_user)

    assert "The new text." in admin_client.get("/glossary/ledger/").content.decode()


def test_a_change_not_yet_due_is_left_alone_by_staff_requests(admin_client, admin_user, make_term):
    term = make_term(title="Ledger", body="The old text.")
    term.body = "The new text."
    scheduling.schedule(term, timezone.now() + timedelta(hours=1), False, admin_user)

    admin_client.get("/admin/terms/term/")

    assert Term.objects.get(pk=term.pk).body == "The old text."


def test_an_anonymous_reader_sees_the_due_change_without_saving_it(admin_user, make_term):
    term = make_term(title="Ledger", slug="ledger", body="The old text.")
    schedule_then_let_it_fall_due(term, admin_user)
    assert "The new text." in Client().get("/glossary/ledger/").content.decode()
    assert Term.objects.get(pk=term.pk).body == "The old text."


def test_the_worker_is_asked_to_make_the_change_public_at_its_time(
    settings, admin_user, make_term, django_capture_on_commit_callbacks
):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    term = make_term(title="Ledger", body="The old text.")
    term.body = "The new text."
    due = timezone.now() + timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        scheduling.schedule(term, due, False, admin_user)

    [queued] = [r for r in backend.results if r.task.func is scheduling.make_due_changes_public.func]
    assert queued.task.run_after == due + timedelta(seconds=1)
    # At that time the worker runs it, with no request at all.
    ScheduledChange.objects.update(due_at=timezone.now() - timedelta(seconds=1))
    scheduling_versions_wake_now()
    queued.task.call()
    assert Term.objects.get(pk=term.pk).body == "The new text."
