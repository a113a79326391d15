"""Readers never write: what falls due is shown by the query at once, and saved by
the worker's task. Time moves with time_machine, never a sleep."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone

from glossary_site.content import registry
from glossary_site.content.scheduled import ScheduledChange
from glossary_site.editorial import scheduling
from glossary_site.serving.models import StoredPage

TABLES_OF = ("glossary_site", "terms", "articles", "simple_history")


def of(kind):
    return registry.get(kind).model


def every_row():
    """Every row of the content, revision and page tables, as the database has them
    (the revisions are the apps' historical models; simple_history has none of its own)."""
    rows = {}
    for config in apps.get_app_configs():
        if config.label not in TABLES_OF:
            continue
        for model in config.get_models():
            rows[model._meta.label] = sorted(map(repr, model._base_manager.values_list()))
    return rows


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def due_soon(make_term, make_article):
    """A live term with an edit scheduled in an hour, a live term to be unpublished
    then, and an article whose publication is scheduled then too."""
    now = timezone.now()
    edited = make_term(title="Ledger", slug="ledger", body="The old words.")
    edited.body = "The new words."
    edited.title = "Ledger, revised"
    scheduling.schedule(edited, now + timedelta(hours=1), False, None)
    leaving = make_term(title="Float", slug="float")
    scheduling.schedule(leaving, now + timedelta(hours=1), True, None)
    make_article(title="Coming soon", slug="coming-soon", published_at=now + timedelta(hours=1))
    return now + timedelta(hours=1, minutes=1)


def test_an_anonymous_get_writes_no_row_even_when_a_change_and_a_publication_are_due(client, due_soon):
    # Read once before the moment, so the page cache holds the old pages.
    assert "The old words." in text_of(client.get("/glossary/ledger/"))
    assert "Coming soon" not in text_of(client.get("/blog/"))
    before = every_row()

    with time_machine.travel(due_soon):
        ledger = client.get("/glossary/ledger/")
        gone = client.get("/glossary/float/")
        article = client.get("/blog/coming-soon/")
        blog = client.get("/blog/")

    assert every_row() == before
    assert ledger.status_code == 200 and "The new words." in text_of(ledger)
    assert "Ledger, revised" in text_of(ledger)
    assert gone.status_code == 410
    assert article.status_code == 200 and "Coming soon" in text_of(article)
    assert "Coming soon" in text_of(blog)


def test_before_the_moment_readers_still_see_the_live_version(client, due_soon):
    with time_machine.travel(due_soon - timedelta(minutes=2)):
        ledger = client.get("/glossary/ledger/")
        assert client.get("/glossary/float/").status_code == 200
        assert client.get("/blog/coming-soon/").status_code == 404
    assert "The old words." in text_of(ledger) and "The new words." not in text_of(ledger)


def test_the_workers_task_saves_what_fell_due_and_readers_are_served_from_the_store_again(client, due_soon):
    with time_machine.travel(due_soon):
        scheduling.make_due_changes_public.call()
        ledger = client.get("/glossary/ledger/")

        term = of("term").objects.get(slug="ledger")
        assert (term.title, term.body) == ("Ledger, revised", "The new words.")
        assert of("term").objects.get(slug="float").status == "draft"
        assert not ScheduledChange.objects.exists()
        article = of("article").objects.get(slug="coming-soon")
        assert StoredPage.objects.filter(kind="article", object_id=article.pk).exists()
        assert client.get("/glossary/float/").status_code == 410
    assert "The new words." in text_of(ledger)
    assert term.history.first().history_change_reason.startswith("Scheduled change")


def test_a_staff_preview_shows_the_due_change_without_saving_it(admin_client, due_soon):
    with time_machine.travel(due_soon):
        page = admin_client.get("/glossary/ledger/")
    assert "The new words." in text_of(page)
    assert of("term").objects.get(slug="ledger").body == "The old words."
    assert ScheduledChange.objects.count() == 2


# The real worker closes its database connection between tasks, as it should; inside
# a test's transaction that would end the test's own, so this one commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_worker_starting_after_the_moment_makes_public_what_fell_due(settings, due_soon):
    """As when the worker was down at the moment, or the task queued for it was lost."""
    from io import StringIO

    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with time_machine.travel(due_soon):
        call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())

        assert of("term").objects.get(slug="ledger").body == "The new words."
        assert of("term").objects.get(slug="float").status == "draft"
        assert not ScheduledChange.objects.exists()


def test_saving_a_scheduled_item_asks_the_worker_to_announce_it_at_its_time(
    settings, make_article, django_capture_on_commit_callbacks
):
    from django.tasks import task_backends

    from glossary_site.serving import publications

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    moment = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(slug="coming-soon", published_at=moment)

    [queued] = [r for r in backend.results if r.task.func is publications.announce_publications.func]
    assert queued.task.run_after == moment + timedelta(seconds=1)
    assert not StoredPage.objects.filter(kind="article", object_id=article.pk).exists()
    with time_machine.travel(moment + timedelta(seconds=1)):
        queued.task.call()
    assert StoredPage.objects.filter(kind="article", object_id=article.pk).exists()
