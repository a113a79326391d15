"""The reader's notice on a translation whose source changed since it was made
(templatetags/translation_tags.py), and the stored pages it makes stale."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation

from glossary_site.editorial import translations
from glossary_site.serving import keys
from glossary_site.serving.models import PageChange
from terms.models import Term


@pytest.fixture
def multilingual(settings):
    settings.SITE_LANGUAGES = ["en", "de"]


@pytest.fixture
def pair(multilingual, make_term):
    source = make_term(title="Cache", slug="cache")
    german = make_term(
        title="Zwischenspeicher",
        slug="zwischenspeicher",
        language="de",
        translation_key=source.translation_key,
        translated_from=source.source_revision,
    )
    return source, german


def notice(item):
    with translation.override(item.language):
        html = Template("{% load translation_tags %}{% translation_notice item %}").render(
            Context({"item": Term.objects.get(pk=item.pk)})
        )
    return BeautifulSoup(html, "html.parser").find("aside", class_="translation-notice")


def edit(item, minor=False, **changes):
    item = Term.objects.get(pk=item.pk)
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(minor=minor)
    return item


def test_an_up_to_date_translation_shows_no_notice(pair):
    assert notice(pair[1]) is None


def test_after_the_source_changes_the_translation_links_the_original_in_its_language(pair):
    source, german = pair
    edit(source, body="A new definition.")

    found = notice(german)

    assert "Diese Übersetzung ist möglicherweise veraltet" in found.get_text()
    link = found.find("a")
    assert link["href"] == source.get_absolute_url()
    assert link["hreflang"] == "en"
    assert link.find("span", lang="en").get_text() == "English"


def test_a_minor_change_of_the_source_shows_no_notice(pair):
    source, german = pair
    edit(source, minor=True, body="A typo fixed.")

    assert notice(german) is None


def test_a_source_never_shows_the_notice(pair):
    source, _ = pair
    edit(source, body="A new definition.")

    assert notice(source) is None


def test_no_notice_while_the_original_is_not_public(pair):
    source, german = pair
    edit(source, body="A new definition.", status=Term.Status.DRAFT)

    assert notice(german) is None


def test_a_source_change_marks_its_translations_pages_stale_and_a_minor_one_does_not(pair):
    source, german = pair
    PageChange.objects.all().delete()  # the translation's own creation named it
    edit(source, minor=True, body="A typo fixed.")
    assert not PageChange.objects.filter(key=keys.item(german)).exists()

    edit(source, body="A new definition.")

    assert PageChange.objects.filter(key=keys.item(german)).exists()


def page_notice(client, item):
    with translation.override(item.language):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("aside", class_="translation-notice")


def test_the_stored_page_shows_the_notice_after_a_source_change_until_marked_up_to_date(pair, client):
    source, german = pair
    assert page_notice(client, german) is None  # rendered and stored as it was

    edit(source, body="A new definition.")

    assert page_notice(client, german) is not None

    translations.mark_up_to_date(Term.objects.get(pk=german.pk))

    assert page_notice(client, german) is None


def test_an_article_translation_shows_the_notice_too(multilingual, make_article, client):
    source = make_article(title="Moving to the cloud", slug="moving-to-the-cloud")
    german = make_article(
        title="Umzug in die Cloud",
        slug="umzug-in-die-cloud",
        language="de",
        translation_key=source.translation_key,
        translated_from=source.source_revision,
    )
    source = type(source).objects.get(pk=source.pk)
    source.body = "Rewritten from the first line."
    source.save()

    found = page_notice(client, german)

    assert found.find("a")["href"] == source.get_absolute_url()
