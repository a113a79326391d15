"""A change scheduled for later keeps the editor's "Minor change": when the worker
makes it public, the source's revision stays and its translations stay up to date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glossary_site.content import translations
from glossary_site.editorial import scheduling
from glossary_site.testing.admin_forms import change_data
from terms.models import Term

BODY = "Intro.\n\n## Use\n\nKeeps copies."


@pytest.fixture
def pair(make_term, translate):
    source = make_term(title="Cache", slug="cache", body=BODY)
    german = translate(source, "de", title="Zwischenspeicher", slug="zwischenspeicher")
    return source, german


def make_public_at(clock, due):
    clock.move_to(due + timedelta(seconds=1))
    scheduling.make_due_changes_public.call()  # the worker, at the time


@pytest.mark.parametrize(("minor", "revisions_added"), [(True, 0), (False, 1)])
def test_the_worker_saves_a_scheduled_change_as_minor_only_when_it_was_marked_so(
    pair, clock, minor, revisions_added
):
    source, german = pair
    before = source.source_revision
    source.body = BODY.replace("copies.", "copies")
    due = timezone.now() + timedelta(minutes=5)
    scheduling.schedule(source, due, unpublish=False, user=None, minor=minor)

    make_public_at(clock, due)

    saved = Term.objects.get(pk=source.pk)
    assert saved.body.endswith("Keeps copies")
    assert saved.source_revision == before + revisions_added
    assert translations.is_out_of_date(Term.objects.get(pk=german.pk)) is not minor


def test_a_minor_change_scheduled_in_the_admin_leaves_translations_up_to_date(pair, admin_client, clock):
    source, german = pair
    due = (timezone.now() + timedelta(minutes=5)).replace(microsecond=0)
    local = timezone.localtime(due)
    data = change_data(
        source,
        source.version,
        body=BODY.replace("copies.", "copies"),
        change_at_0=local.strftime("%Y-%m-%d"),
        change_at_1=local.strftime("%H:%M:%S"),
        minor_change="on",
    )

    response = admin_client.post(f"/admin/terms/term/{source.pk}/change/", data)
    assert response.status_code == 302
    assert Term.objects.get(pk=source.pk).body == BODY, "kept aside until its time"
    make_public_at(clock, due)

    saved = Term.objects.get(pk=source.pk)
    assert saved.body.endswith("Keeps copies")
    assert saved.source_revision == source.source_revision
    assert not translations.is_out_of_date(Term.objects.get(pk=german.pk))
