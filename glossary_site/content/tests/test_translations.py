"""Which translations are behind their source (content/translations.py), asked of
one item and of a whole language at once."""

import pytest

from glossary_site.content import translations
from terms.models import Term


@pytest.fixture
def multilingual(settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]


def translate(make, source, language, **fields):
    return make(
        language=language,
        translation_key=source.translation_key,
        translated_from=source.source_revision,
        slug=f"{source.slug}-{language}",
        **fields,
    )


def edit(item, minor=False, **changes):
    item = type(item).objects.get(pk=item.pk)
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(minor=minor)
    return item


def test_a_fresh_translation_is_up_to_date_and_a_real_edit_puts_it_behind(multilingual, make_term):
    source = make_term(title="Cache")
    german = translate(make_term, source, "de")
    assert not translations.is_out_of_date(german)

    edit(source, body="A new definition.")

    assert translations.is_out_of_date(Term.objects.get(pk=german.pk))


def test_a_minor_edit_leaves_translations_up_to_date(multilingual, make_term):
    source = make_term(title="Cache")
    german = translate(make_term, source, "de")

    edit(source, minor=True, body="A typo fixed.")

    assert not translations.is_out_of_date(Term.objects.get(pk=german.pk))
    assert not Term.objects.out_of_date("de").exists()


def test_a_translation_that_does_not_say_what_it_was_made_from_is_out_of_date(multilingual, make_term):
    source = make_term(title="Cache")
    german = translate(make_term, source, "de")
    Term.objects.filter(pk=german.pk).update(translated_from=None)

    assert translations.is_out_of_date(Term.objects.get(pk=german.pk))
    assert list(Term.objects.out_of_date("de")) == [Term.objects.get(pk=german.pk)]


def test_sources_and_orphans_are_never_out_of_date(multilingual, make_term):
    source = make_term(title="Cache", translated_from=None)
    orphan = make_term(title="Zwischenspeicher", language="de", translated_from=None)

    assert not translations.is_out_of_date(source)
    assert not translations.is_out_of_date(orphan)
    assert not Term.objects.out_of_date("de").exists()


def test_out_of_date_in_a_language_lists_only_that_languages_translations_behind(multilingual, make_term):
    changed, kept = make_term(title="Cache"), make_term(title="Proxy")
    german_changed, german_kept = translate(make_term, changed, "de"), translate(make_term, kept, "de")
    japanese_changed = translate(make_term, changed, "ja")

    edit(changed, summary="Says more now.")

    assert list(Term.objects.out_of_date("de")) == [german_changed]
    assert list(Term.objects.out_of_date("ja")) == [japanese_changed]
    assert german_kept not in Term.objects.out_of_date("de")


def test_missing_in_a_language_lists_the_sources_not_yet_translated(multilingual, make_term):
    translated, untranslated = make_term(title="Cache"), make_term(title="Proxy")
    translate(make_term, translated, "de")

    assert list(Term.objects.missing_in("de")) == [untranslated]
    assert set(Term.objects.missing_in("ja")) == {translated, untranslated}


def test_source_of_and_translations_of_follow_the_translation_key(multilingual, make_term):
    source = make_term(title="Cache")
    german, japanese = translate(make_term, source, "de"), translate(make_term, source, "ja")
    make_term(title="Unrelated")

    assert translations.source_of(german) == source
    assert translations.source_of(source) == source
    assert set(translations.translations_of(source)) == {german, japanese}
    assert set(translations.translations_of(german)) == {source, japanese}
