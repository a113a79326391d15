"""Languages on items: the settings, addresses per language, and the source revision
that tells a translation it has fallen behind."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article
from glossary_site.content import languages
from terms.models import Term

MODELS = [Term, Article]


def test_the_first_site_language_is_the_source(settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    assert languages.source_language() == "en"
    assert languages.translation_languages() == ["de", "ja"]
    assert languages.is_multilingual()
    assert languages.native_name("de") == "Deutsch"


def test_settings_refuse_a_language_django_does_not_know(monkeypatch):
    import importlib

    import glossary_site.settings as site_settings

    monkeypatch.setenv("SITE_LANGUAGES", "en,xx")
    with pytest.raises(ImproperlyConfigured, match="xx"):
        importlib.reload(site_settings)
    monkeypatch.delenv("SITE_LANGUAGES")
    importlib.reload(site_settings)


@pytest.mark.parametrize("model", MODELS)
def test_a_new_item_is_in_the_source_language_with_a_key_of_its_own(db, model):
    first = model.objects.create(title="First", slug="first", body="Text")
    second = model.objects.create(title="Second", slug="second", body="Text")
    assert first.language == second.language == "en"
    assert first.translation_key != second.translation_key
    assert first.source_revision == 1 and first.translated_from is None


@pytest.mark.parametrize("model", MODELS)
def test_the_same_slug_may_serve_two_languages_but_not_one_twice(db, settings, model):
    settings.SITE_LANGUAGES = ["en", "de"]
    source = model.objects.create(title="API", slug="api", body="Text")
    model.objects.create(
        title="API", slug="api", body="Text", language="de", translation_key=source.translation_key
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(title="API again", slug="api", body="Text")


@pytest.mark.parametrize("model", MODELS)
def test_an_item_has_one_translation_per_language(db, settings, model):
    settings.SITE_LANGUAGES = ["en", "de"]
    source = model.objects.create(title="Cache", slug="cache", body="Text")
    model.objects.create(
        title="Cache", slug="cache-de", body="Text", language="de", translation_key=source.translation_key
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(
            title="Zwischenspeicher",
            slug="zwischenspeicher",
            body="Text",
            language="de",
            translation_key=source.translation_key,
        )


def test_a_translation_may_have_an_address_in_its_own_script(db, settings):
    settings.SITE_LANGUAGES = ["en", "ja"]
    term = Term(title="データベース", slug="データベース", body="本文", language="ja")
    term.full_clean()
    term.save()
    assert Term.objects.get(slug="データベース", language="ja") == term


def test_an_item_in_a_language_the_site_does_not_publish_is_refused(db):
    term = Term(title="Datenbank", slug="datenbank", body="Text", language="de")
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "language" in error.value.message_dict


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("field", ["title", "summary", "body"])
def test_changing_what_translators_translate_raises_the_source_revision(db, model, field):
    item = model.objects.create(title="Queue", slug="queue", summary="A line.", body="Text")
    item = model.objects.get(pk=item.pk)
    setattr(item, field, getattr(item, field) + " More")
    item.save()
    assert model.objects.get(pk=item.pk).source_revision == 2


@pytest.mark.parametrize("model", MODELS)
def test_a_minor_change_or_a_change_of_publishing_leaves_the_revision(db, model):
    item = model.objects.create(title="Queue", slug="queue", body="Text with a typo: teh.")
    item = model.objects.get(pk=item.pk)
    item.body = "Text with a typo: the."
    item.save(minor=True)
    item = model.objects.get(pk=item.pk)
    item.status = "published"
    item.slug = "queues"
    item.save()
    item.save()
    assert model.objects.get(pk=item.pk).source_revision == 1


def test_a_change_saved_with_update_fields_counts_only_if_it_names_the_field(db):
    term = Term.objects.create(title="Queue", slug="queue", body="Text")
    term = Term.objects.get(pk=term.pk)
    term.title = "Queues"
    term.save(update_fields=["status"])
    assert Term.objects.get(pk=term.pk).source_revision == 1
    term.save(update_fields=["title"])
    stored = Term.objects.get(pk=term.pk)
    assert (stored.title, stored.source_revision) == ("Queues", 2)
