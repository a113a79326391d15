"""The item form: independent checks, run in one order, each stopping the ones after
it when it refuses the save; and no domain module of editorial importing the admin."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.forms.models import modelform_factory
from django.utils import timezone

from glossary_site.editorial.forms import ChecksMetaclass, ItemForm
from terms.models import Term

EDITORIAL = Path(__file__).resolve().parent.parent
DOMAIN_MODULES = [
    "alt_text",
    "bound_data",
    "conflicts",
    "diffs",
    "impact",
    "merging",
    "publishing",
    "revisions",
    "scheduling",
    "scheduling_check",
]
FIELDS = ["title", "slug", "summary", "body", "status", "published_at"]
TermForm = modelform_factory(Term, form=ItemForm, fields=FIELDS)


def opened(term):
    """The form's values as an editor opened the page, and the version they started from."""
    values = {name: getattr(term, name) for name in FIELDS}
    return {**values, "published_at": term.published_at.isoformat(), "base_version": str(term.version)}


def form_for(term, values, **changes):
    return TermForm(data={**values, **changes}, instance=Term.objects.get(pk=term.pk))


def saved_by_someone_else(term, **changes):
    for name, value in changes.items():
        setattr(term, name, value)
    term.save()


def imported_names(path):
    """Every dotted name a module imports, function-level imports included:
    `from django.contrib import admin` gives django.contrib and django.contrib.admin."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


@pytest.mark.parametrize("name", DOMAIN_MODULES)
def test_a_domain_module_of_editorial_imports_no_admin_code(name):
    imported = imported_names(EDITORIAL / f"{name}.py")

    assert not [name for name in imported if name.startswith("django.contrib.admin")]


def test_a_field_the_form_declares_replaces_a_checks_field_in_the_checks_place():
    class First:
        fields = {"a": forms.CharField(), "b": forms.CharField(label="From the check")}

    class Second:
        fields = {"c": forms.CharField()}

    class Form(forms.Form, metaclass=ChecksMetaclass):
        checks = (First, Second)
        b = forms.CharField(label="From the form")

    assert list(Form.base_fields) == ["a", "b", "c"]
    assert Form.base_fields["b"].label == "From the form"


def test_a_refused_conflict_stops_the_impact_check_after_it(make_term):
    term = make_term(title="Webhook", slug="webhook")
    mine = opened(term)
    saved_by_someone_else(term, summary="Their summary.")

    form = form_for(term, mine, summary="My summary.", slug="web-hook")

    assert not form.is_valid()
    assert form.non_field_errors()[0].startswith("Not saved: someone else saved this page")
    assert form.conflict["rows"][0]["name"] == "summary"
    assert form.impact is None


def test_the_same_rename_from_the_current_version_waits_for_confirmation(make_term):
    term = make_term(title="Webhook", slug="webhook")

    form = form_for(term, opened(term), slug="web-hook")

    assert not form.is_valid()
    assert form.non_field_errors()[0].startswith("Not saved yet: check what this change does")
    assert form.impact.action == "rename"
    assert form.conflict is None


def test_the_alt_text_check_reads_the_body_the_merge_would_save(make_term):
    term = make_term(title="Webhook", slug="webhook", body="## Use\n\nOld words.")
    mine = opened(term)
    saved_by_someone_else(term, body="## Use\n\nOld words.\n\n![](/media/uploads/hook.png)")

    form = form_for(term, mine, summary="Mine.")

    assert not form.is_valid()
    assert form.errors["body"][0].startswith("Not published: 1 image(s) have no alt text")
    assert form.merged[1] == ["Body"]


def test_a_merge_that_leaves_nothing_to_settle_saves_and_says_what_it_took(make_term):
    term = make_term(title="Webhook", slug="webhook", body="## Use\n\nOld words.")
    mine = opened(term)
    saved_by_someone_else(term, body="## Use\n\nTheir words.")

    form = form_for(term, mine, summary="Mine.")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "## Use\n\nTheir words."
    assert form.merged == ("someone else", ["Body"])


def test_scheduling_an_unpublishing_asks_for_confirmation_of_what_it_takes_down(make_term):
    term = make_term(title="Webhook", slug="webhook")
    due = timezone.localtime(timezone.now() + timedelta(days=2))
    later = {"change_at_0": due.strftime("%Y-%m-%d"), "change_at_1": due.strftime("%H:%M:%S")}

    refused = form_for(term, opened(term), unpublish_at_change="on", **later)
    confirmed = form_for(term, opened(term), unpublish_at_change="on", confirm_impact="on", **later)

    assert not refused.is_valid()
    assert refused.impact.action == "unpublish"
    assert confirmed.is_valid(), confirmed.errors
    assert confirmed.scheduled == (due.replace(microsecond=0), True)
    assert confirmed.cleaned_data["status"] == Term.Status.PUBLISHED
