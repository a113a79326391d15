"""Two editors, one term: the later save is refused, nothing is lost or overwritten."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.editorial.admin import PublishableAdmin
from glossary_site.editorial.conflicts import EditConflict
from terms.models import Term


def change_data(term, version, **changes):
    data = {
        "title": term.title,
        "slug": term.slug,
        "summary": term.summary,
        "body": term.body,
        "status": term.status,
        "published_at_0": term.published_at.strftime("%Y-%m-%d"),
        "published_at_1": term.published_at.strftime("%H:%M:%S"),
        "base_version": str(version),
        "link_automatically": "on",
        "match_case": "auto",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(changes)
    return data


@pytest.fixture
def two_editors(client, admin_user, django_user_model):
    other = django_user_model.objects.create_superuser("second", "second@example.com", "pw")
    from django.test import Client

    second = Client()
    second.force_login(other)
    client.force_login(admin_user)
    return client, second


def test_change_form_carries_the_version_it_was_opened_at(make_term, admin_client):
    term = make_term()
    page = BeautifulSoup(admin_client.get(f"/admin/terms/term/{term.pk}/change/").content, "html.parser")
    assert page.select_one("input[type=hidden][name=base_version]")["value"] == str(term.version)


def test_second_save_from_the_same_version_is_refused_and_keeps_the_text(make_term, two_editors):
    first, second = two_editors
    term = make_term(title="Webhook", body="## Use\n\nIt calls you back.\n")
    url = f"/admin/terms/term/{term.pk}/change/"
    opened_at = term.version

    saved = first.post(url, change_data(term, opened_at, body="## Use\n\nIt calls you back, fast.\n"))
    assert saved.status_code == 302
    refused = second.post(url, change_data(term, opened_at, body="## Use\n\nIt <b>calls</b> your URL.\n"))

    assert refused.status_code == 200
    page = BeautifulSoup(refused.content, "html.parser")
    assert "someone else saved this page while you were editing" in page.select_one(".errorlist").get_text()
    assert (
        page.select_one("textarea[name=body]").get_text().removeprefix("\n")
        == "## Use\n\nIt <b>calls</b> your URL.\n"
    )
    panel = page.select_one(".edit-conflict")
    assert panel.h2.get_text() == "Saved by someone else while you were editing"
    assert "admin saved “Webhook”" in " ".join(panel.get_text().split())
    lines = [line.get_text() for line in panel.select(".markdown-diff span")]
    assert "− It calls you back, fast." in lines
    assert "+ It <b>calls</b> your URL." in lines
    assert panel.select_one("b") is None, "the editor's HTML is shown as text, not markup"
    assert Term.objects.get(pk=term.pk).body == "## Use\n\nIt calls you back, fast."


def test_after_the_refusal_the_merged_text_saves(make_term, two_editors):
    first, second = two_editors
    term = make_term(body="One.\n")
    url = f"/admin/terms/term/{term.pk}/change/"
    first.post(url, change_data(term, term.version, body="One. Two.\n"))
    refused = second.post(url, change_data(term, term.version, body="One. Three.\n"))
    page = BeautifulSoup(refused.content, "html.parser")
    now_at = page.select_one("input[name=base_version]")["value"]

    merged = second.post(url, change_data(term, now_at, body="One. Two. Three.\n"))

    assert merged.status_code == 302
    assert Term.objects.get(pk=term.pk).body == "One. Two. Three."


def test_a_stale_copy_cannot_overwrite_a_newer_save(make_term):
    term = make_term(body="Old.")
    stale = Term.objects.get(pk=term.pk)
    term.body = "New."
    term.save()

    stale.body = "Stale."
    with pytest.raises(EditConflict):
        stale.save()
    assert Term.objects.get(pk=term.pk).body == "New."


def test_saves_in_a_row_from_one_copy_all_succeed(make_term):
    term = make_term()
    for n in range(3):
        term.summary = f"Summary {n}."
        term.save()
    assert Term.objects.get(pk=term.pk).version == 4


def test_bulk_action_on_a_stale_selection_reports_and_keeps_the_newer_edit(make_term, rf, admin_user):
    from django.contrib.admin.sites import site
    from django.contrib.messages.storage.fallback import FallbackStorage

    term = make_term(status="draft", body="Before.")
    stale = Term.objects.get(pk=term.pk)  # read by the action ...
    term.body = "Saved meanwhile."
    term.save()  # ... then someone saves
    request = rf.post("/admin/terms/term/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)

    site._registry[Term].publish(request, [stale])

    fresh = Term.objects.get(pk=term.pk)
    assert (fresh.body, fresh.status) == ("Saved meanwhile.", "draft")
    shown = [str(message) for message in request._messages]
    assert shown[0] == "0 item(s) published."
    assert "someone saved them in the meantime" in shown[1] and term.title in shown[1]


def test_every_publishable_admin_uses_the_conflict_checking_form():
    from django.contrib.admin.sites import site

    from articles.models import Article

    for model in (Term, Article):
        assert isinstance(site._registry[model], PublishableAdmin)
        assert "base_version" in site._registry[model].form.base_fields
