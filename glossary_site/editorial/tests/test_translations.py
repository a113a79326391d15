"""Translating in the admin (editorial/translations.py, translations_admin.py):
minor changes, the desk's out-of-date lists and coverage, the source beside a
translation with its changes since, "Mark as up to date" and "Translate into…"."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from articles.models import Article, Author, Tag
from glossary_site.editorial import translations
from glossary_site.testing.admin_forms import change_data
from terms.models import Term, TermAlias

BODY = "Intro.\n\n## Use\n\nKeeps copies.\n\n## Risks\n\nStale data."


@pytest.fixture
def multilingual(settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]


@pytest.fixture
def pair(multilingual, make_term):
    source = make_term(title="Cache", slug="cache", body=BODY)
    german = make_term(
        title="Zwischenspeicher",
        slug="zwischenspeicher",
        language="de",
        translation_key=source.translation_key,
        translated_from=source.source_revision,
        body="Einleitung.\n\n## Nutzen\n\nHält Kopien.",
    )
    return source, german


def fresh(item):
    return Term.objects.get(pk=item.pk)


def edit_in_admin(client, term, minor=False, **changes):
    term = fresh(term)
    data = change_data(term, term.version, **changes)
    if minor:
        data["minor_change"] = "on"
    response = client.post(f"/admin/terms/term/{term.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return fresh(term)


def notice_shown(item):
    with translation.override(item.language):
        html = Template("{% load translation_tags %}{% translation_notice item %}").render(
            Context({"item": fresh(item)})
        )
        return translation.gettext("This translation may be out of date") in html


def desk_titles(client, language="German"):
    page = BeautifulSoup(client.get("/admin/").content, "html.parser")
    heading = page.find("h2", string=f"{language} translations out of date")
    assert heading is not None
    return [li.a.get_text() for li in heading.find_parent("section").select("li")]


def test_a_real_edit_of_the_source_puts_the_translation_on_the_desk_and_marking_it_clears_both(
    pair, editor_client
):
    source, german = pair
    assert not notice_shown(german) and desk_titles(editor_client) == []

    edit_in_admin(editor_client, source, body=BODY.replace("Stale data.", "Stale or lost data."))

    assert notice_shown(german)
    assert desk_titles(editor_client) == ["Zwischenspeicher"]

    response = editor_client.post(f"/admin/terms/term/{german.pk}/mark-up-to-date/")

    assert response.status_code == 302
    assert not notice_shown(german)
    assert desk_titles(editor_client) == []
    assert fresh(german).body == german.body and fresh(german).title == german.title


def test_a_minor_edit_of_the_source_shows_neither_notice_nor_desk_entry(pair, editor_client):
    source, german = pair

    edited = edit_in_admin(editor_client, source, minor=True, body=BODY.replace("copies", "copies."))

    assert edited.body.endswith("Stale data.") and "copies." in edited.body
    assert not notice_shown(german)
    assert desk_titles(editor_client) == []


def test_the_desk_counts_what_each_language_has_translated(pair, make_term, editor_client):
    make_term(title="Proxy")
    page = BeautifulSoup(editor_client.get("/admin/").content, "html.parser")
    heading = page.find("h2", string="German translations out of date")

    assert "German: 1 of 2 terms" in heading.find_parent("section").get_text()
    assert page.find("h2", string="Japanese translations out of date") is not None


def test_a_site_in_one_language_shows_no_translation_tools(make_term, editor_client):
    term = make_term(title="Cache")

    page = editor_client.get(f"/admin/terms/term/{term.pk}/change/").content.decode()
    desk = editor_client.get("/admin/").content.decode()

    assert "minor_change" not in page and 'name="language"' not in page and "Translate into" not in page
    assert "translations out of date" not in desk


def test_the_minor_box_is_offered_on_a_source_and_not_on_a_translation(pair, editor_client):
    source, german = pair

    on_source = editor_client.get(f"/admin/terms/term/{source.pk}/change/").content.decode()
    on_translation = editor_client.get(f"/admin/terms/term/{german.pk}/change/").content.decode()

    assert 'name="minor_change"' in on_source
    assert 'name="minor_change"' not in on_translation


def test_translate_into_offers_only_the_languages_not_yet_translated(pair, editor_client):
    source, _ = pair

    page = BeautifulSoup(editor_client.get(f"/admin/terms/term/{source.pk}/change/").content, "html.parser")
    form = page.select_one("form.translate-into-form")

    assert form["action"] == f"/admin/terms/term/{source.pk}/translate/"
    assert [option["value"] for option in form.select("option")] == ["ja"]


def test_a_translation_shows_its_source_beside_it_with_the_changed_sections(pair, editor_client):
    source, german = pair
    edit_in_admin(editor_client, source, body=BODY.replace("Stale data.", "Stale or lost data."))

    page = BeautifulSoup(editor_client.get(f"/admin/terms/term/{german.pk}/change/").content, "html.parser")
    aside = page.select_one("aside.translation-source")

    assert "Stale or lost data." in aside.select_one(".translation-source__body").get_text()
    assert [h.get_text(" ", strip=True) for h in aside.select("h4")] == ["Risks (changed)"]
    assert "+ Stale or lost data." in aside.select_one(".markdown-diff").get_text()
    assert aside.find("button", string="Mark as up to date") is not None
    # The language a translation was made in stays: shown, not a field.
    assert page.find(attrs={"name": "language"}) is None


def test_without_the_change_permission_marking_up_to_date_is_refused(pair, django_user_model, editor_client):
    source, german = pair
    edit_in_admin(editor_client, source, body="Rewritten.")
    viewer = django_user_model.objects.create_user("vera", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_term"))
    client = Client()
    client.force_login(viewer)

    response = client.post(f"/admin/terms/term/{german.pk}/mark-up-to-date/")

    assert response.status_code == 403
    assert fresh(german).translated_from == german.translated_from
    assert notice_shown(german)


def test_marking_up_to_date_takes_a_post(pair, editor_client):
    _, german = pair
    assert editor_client.get(f"/admin/terms/term/{german.pk}/mark-up-to-date/").status_code == 405


def test_translate_into_makes_a_prefilled_draft_with_related_terms_mapped(pair, make_term, editor_client):
    source, german = pair
    proxy = make_term(title="Proxy", slug="proxy", body="A go-between.")
    untranslated = make_term(title="CDN", slug="cdn")
    proxy.related.add(source, untranslated)

    response = editor_client.post(f"/admin/terms/term/{proxy.pk}/translate/", {"language": "de"})

    made = Term.objects.get(language="de", translation_key=proxy.translation_key)
    assert response.status_code == 302 and response["Location"] == f"/admin/terms/term/{made.pk}/change/"
    assert (made.title, made.summary, made.body) == (proxy.title, proxy.summary, proxy.body)
    assert made.status == Term.Status.DRAFT and made.slug == "proxy"
    assert made.translated_from == fresh(proxy).source_revision
    assert list(made.related.all()) == [german]


def test_translate_into_refuses_a_second_translation_and_an_unknown_language(pair, editor_client):
    source, _ = pair

    editor_client.post(f"/admin/terms/term/{source.pk}/translate/", {"language": "de"})
    editor_client.post(f"/admin/terms/term/{source.pk}/translate/", {"language": "fr"})

    assert Term.objects.filter(translation_key=source.translation_key).count() == 2


def test_translate_into_needs_the_add_permission(pair, django_user_model):
    source, _ = pair
    changer = django_user_model.objects.create_user("chad", password="pw", is_staff=True)
    changer.user_permissions.add(*Permission.objects.filter(codename__in=["view_term", "change_term"]))
    client = Client()
    client.force_login(changer)

    response = client.post(f"/admin/terms/term/{source.pk}/translate/", {"language": "ja"})

    assert response.status_code == 403
    assert not Term.objects.filter(language="ja").exists()


def test_a_translated_slug_is_made_unique_in_its_language(multilingual, make_term):
    make_term(title="Proxy", slug="proxy", language="de")
    source = make_term(title="Proxy", slug="proxy-server")

    made = translations.translate(source, "de")

    assert made.slug == "proxy-2"


def test_the_change_list_filters_by_language_and_by_what_is_missing(pair, make_term, editor_client):
    make_term(title="Proxy")

    def titles(query):
        page = BeautifulSoup(editor_client.get(f"/admin/terms/term/?{query}").content, "html.parser")
        return sorted(a.get_text() for a in page.select("#result_list tbody th a"))

    assert titles("language=de") == ["Zwischenspeicher"]
    assert titles("missing_in=de") == ["Proxy"]
    assert titles("missing_in=ja") == ["Cache", "Proxy"]


def test_section_changes_match_sections_by_heading():
    old = "Intro.\n\n## Use\n\nKeeps copies.\n\n## Gone\n\nOld."
    new = "Intro.\n\n## Use\n\nKeeps many copies.\n\n## New\n\nFresh.\n\n```\n## not a heading\n```"

    changes = translations.section_changes(old, new)

    assert [(c.heading, c.state) for c in changes] == [
        ("Use", "changed"),
        ("New", "added"),
        ("Gone", "removed"),
    ]


def test_translating_an_article_keeps_its_byline_and_tags(multilingual, make_article, editor_client):
    article = make_article(title="Moving to the cloud", slug="moving-to-the-cloud")
    article.author = Author.objects.create(name="Maya", slug="maya")
    article.save()
    article.tags.add(Tag.objects.create(name="Cloud", slug="cloud"))

    response = editor_client.post(f"/admin/articles/article/{article.pk}/translate/", {"language": "ja"})

    made = Article.objects.get(language="ja")
    assert response["Location"] == f"/admin/articles/article/{made.pk}/change/"
    assert made.author == article.author and [tag.slug for tag in made.tags.all()] == ["cloud"]
    assert made.body == article.body and made.status == Article.Status.DRAFT


def test_translate_into_leaves_aliases_and_the_reading_to_the_new_language(multilingual, make_term):
    # Another name or a reading is a word of its language: "Hypertext" is no German
    # alias, and a kana reading means nothing to a German title.
    source = make_term(title="HTTP", slug="http", sort_as="http")
    TermAlias.objects.create(
        term=source, name="Hypertext Transfer Protocol", slug="hypertext-transfer-protocol"
    )

    made = translations.translate(source, "de")

    assert made.sort_as == "" and not made.aliases.exists()
    assert source.aliases.count() == 1
