"""Two editors, one term: the later save is refused, nothing is lost or overwritten."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.content.models import EditConflict
from glossary_site.editorial.admin import PublishableAdmin
from glossary_site.testing.admin_forms import change_data, textarea_value
from terms.models import Term


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


def test_fields_only_the_other_editor_changed_survive_the_second_save(make_term, two_editors):
    first, second = two_editors
    term = make_term(title="Webhook", summary="Calls you back.", body="## Use\n\nIt calls you back.\n")
    url = f"/admin/terms/term/{term.pk}/change/"
    opened_at = term.version

    assert first.post(url, change_data(term, opened_at, summary="An HTTP call back.")).status_code == 302
    saved = second.post(url, change_data(term, opened_at, body="## Use\n\nIt calls your URL.\n"), follow=True)

    fresh = Term.objects.get(pk=term.pk)
    assert (fresh.summary, fresh.body) == ("An HTTP call back.", "## Use\n\nIt calls your URL.")
    shown = " ".join(
        BeautifulSoup(saved.content, "html.parser").select_one(".messagelist").get_text().split()
    )
    assert "While you were editing, admin saved this page. Their changes to summary were kept" in shown


def test_changes_to_different_lines_of_the_body_are_both_kept(make_term, two_editors):
    first, second = two_editors
    term = make_term(body="## One\n\nFirst.\n\n## Two\n\nSecond.\n")
    url = f"/admin/terms/term/{term.pk}/change/"
    first.post(url, change_data(term, term.version, body="## One\n\nFirst, by A.\n\n## Two\n\nSecond.\n"))

    merged = second.post(
        url, change_data(term, term.version, body="## One\n\nFirst.\n\n## Two\n\nSecond, by B.\n")
    )

    assert merged.status_code == 302
    assert Term.objects.get(pk=term.pk).body == "## One\n\nFirst, by A.\n\n## Two\n\nSecond, by B."


def refused_page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def resubmission(page, term, **changes):
    """What the refused form now holds, as the browser would send it back."""
    fields = ("base_version", "conflict_fields", "conflict_mine_body", "summary", "title")
    data = {
        name: (page.select_one(f"[name={name}]").get("value") or page.select_one(f"[name={name}]").get_text())
        for name in fields
    }
    data["conflict_mine_body"] = page.select_one("[name=conflict_mine_body]").get_text().removeprefix("\n")
    data["body"] = page.select_one("textarea[name=body]").get_text().removeprefix("\n")
    return change_data(term, data.pop("base_version"), **{**data, **changes})


def test_both_changing_the_body_is_refused_with_a_marked_merge_to_settle(make_term, two_editors):
    first, second = two_editors
    term = make_term(title="Webhook", summary="Old.", body="## Use\n\nIt calls you back.\n")
    url = f"/admin/terms/term/{term.pk}/change/"
    opened_at = term.version
    first.post(url, change_data(term, opened_at, summary="New.", body="## Use\n\nIt calls you back, fast.\n"))

    page = refused_page(
        second.post(url, change_data(term, opened_at, body="## Use\n\nIt <b>calls</b> your URL.\n"))
    )

    assert "you both changed: body" in page.select_one(".errorlist").get_text()
    panel = page.select_one(".edit-conflict")
    assert panel.h2.get_text() == "Saved by someone else while you were editing"
    choice = panel.select_one("fieldset#conflict-body")
    sides = [pre.get_text() for pre in choice.select("pre.conflict-value")]
    assert sides == ["## Use\n\nIt <b>calls</b> your URL.", "## Use\n\nIt calls you back, fast."]
    assert panel.select_one("b") is None, "the editor's HTML is shown as text, not markup"
    body = page.select_one("textarea[name=body]").get_text().removeprefix("\n")
    assert body == (
        "## Use\n\n<<<<<<< Your text\nIt <b>calls</b> your URL.\n=======\n"
        "It calls you back, fast.\n>>>>>>> Saved by admin"
    )
    # The other editor's summary is in the form now, so saving it cannot undo it.
    assert textarea_value(page.select_one("textarea[name=summary]")) == "New."

    again = refused_page(second.post(url, resubmission(page, term)))
    assert (
        "still has conflict markers"
        in again.select_one(".errors.field-body, .field-body .errorlist").get_text()
    )
    assert Term.objects.get(pk=term.pk).body == "## Use\n\nIt calls you back, fast."

    settled = second.post(url, resubmission(page, term, body="## Use\n\nIt calls your URL, fast.\n"))
    assert settled.status_code == 302
    fresh = Term.objects.get(pk=term.pk)
    assert (fresh.summary, fresh.body) == ("New.", "## Use\n\nIt calls your URL, fast.")


@pytest.mark.parametrize(("choice", "summary"), [("theirs", "Theirs."), ("mine", "Mine.")])
def test_a_field_both_changed_is_kept_or_taken_as_the_editor_chooses(make_term, two_editors, choice, summary):
    first, second = two_editors
    term = make_term(summary="Old.", body="Body.")
    url = f"/admin/terms/term/{term.pk}/change/"
    opened_at = term.version
    first.post(url, change_data(term, opened_at, summary="Theirs."))
    page = refused_page(second.post(url, change_data(term, opened_at, summary="Mine.", body="Body, mine.")))
    options = page.select("fieldset#conflict-summary input[name=resolve_summary]")
    assert [(o["value"], o.has_attr("checked")) for o in options] == [("mine", True), ("theirs", False)]

    saved = second.post(url, resubmission(page, term, resolve_summary=choice))

    assert saved.status_code == 302
    fresh = Term.objects.get(pk=term.pk)
    assert (fresh.summary, fresh.body) == (summary, "Body, mine.")


def test_after_the_refusal_the_merged_text_saves(make_term, two_editors):
    first, second = two_editors
    term = make_term(body="One.\n")
    url = f"/admin/terms/term/{term.pk}/change/"
    first.post(url, change_data(term, term.version, body="One. Two.\n"))
    refused = second.post(url, change_data(term, term.version, body="One. Three.\n"))
    page = BeautifulSoup(refused.content, "html.parser")

    merged = second.post(url, resubmission(page, term, body="One. Two. Three.\n"))

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
