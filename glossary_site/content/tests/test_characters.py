"""Control characters refused in every text an editor writes (issue 26, finding 7):
one validator, on every field, with a message that says what to remove and where."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from glossary_site.content.characters import validate_plain_characters, without_refused
from glossary_site.testing.admin_forms import change_data, textarea_value
from terms.models import Term


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\ud800", "\ufffe", "\uffff"],
)
def test_a_control_character_or_a_non_xml_character_is_refused_by_its_code_point(char):
    with pytest.raises(ValidationError) as refused:
        validate_plain_characters(f"Caching{char} layer")
    assert f"U+{ord(char):04X} after “Caching”" in refused.value.messages[0]


@pytest.mark.parametrize(
    "text", ["tab\there", "two\nlines", "cr\r\n", "École — “quotes” 🚀 中文", "\u00a0nbsp", ""]
)
def test_tabs_line_breaks_and_any_printable_text_are_kept(text):
    validate_plain_characters(text)
    assert without_refused(text) == text


def test_the_message_quotes_the_text_just_before_an_invisible_character():
    with pytest.raises(ValidationError) as refused:
        validate_plain_characters("First line\nA long second line of summary text\x01 and more")
    assert "U+0001 after “…line of summary text”" in refused.value.messages[0]
    with pytest.raises(ValidationError) as at_start:
        validate_plain_characters("\x01Leading")
    assert "U+0001 at the start of a line" in at_start.value.messages[0]


def test_without_refused_drops_only_the_refused_characters():
    assert without_refused("a\x01b\x7fc\ufffed\te\n") == "abcd\te\n"


def editor_text_fields():
    """(model, field name) of every text field an editor or an import fills in the apps."""
    for app in ("terms", "articles"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                text = isinstance(field, models.CharField | models.TextField)
                # Slugs are ASCII letters, digits and hyphens by their own validator;
                # a field with choices takes only those.
                if text and field.editable and not field.choices and not isinstance(field, models.SlugField):
                    yield model, field.name


def test_every_editor_text_field_refuses_a_control_character():
    fields = list(editor_text_fields())
    assert len(fields) >= 10, fields  # title, summary, body of both kinds, names, bio, alt text...
    for model, name in fields:
        validators = model._meta.get_field(name).validators
        assert validate_plain_characters in validators, f"{model.__name__}.{name}"


def test_a_control_character_in_a_summary_is_a_form_error_that_keeps_the_text(editor_client, make_term):
    term = make_term(title="Webhook", slug="webhook", summary="A callback.")
    typed = "A callback over HTTP\x01 that the sender makes."

    response = editor_client.post(
        f"/admin/terms/term/{term.pk}/change/", change_data(term, term.version, summary=typed)
    )

    assert response.status_code == 200, "the form is shown again, not saved"
    page = BeautifulSoup(response.content, "html.parser")
    error = page.select_one(".field-summary .errorlist").get_text()
    assert "Remove the invisible control character U+0001 after “A callback over HTTP”" in error
    assert textarea_value(page.select_one("textarea[name=summary]")) == typed
    term.refresh_from_db()
    assert term.summary == "A callback."


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/admin/articles/tag/add/", {"name": "Fin\x1btech", "slug": "fintech"}, "name"),
        ("/admin/articles/author/add/", {"name": "Ada", "slug": "ada", "bio": "Writes\x7f code."}, "bio"),
    ],
)
def test_tags_and_authors_refuse_control_characters_too(admin_client, url, data, field):
    response = admin_client.post(url, {**data, "_save": "Save"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "invisible control character" in page.select_one(f".field-{field} .errorlist").get_text()


def test_an_alias_with_a_control_character_is_refused_in_the_terms_form(editor_client, make_term):
    term = make_term(title="Webhook", slug="webhook")
    data = change_data(term, term.version)
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-name": "Web\x01hook", "aliases-0-slug": "web-hook"})

    response = editor_client.post(f"/admin/terms/term/{term.pk}/change/", data)

    assert response.status_code == 200
    assert "invisible control character U+0001" in response.content.decode()
    assert not Term.objects.get(pk=term.pk).aliases.exists()
