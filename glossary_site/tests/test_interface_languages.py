"""The site's own words in each language of the catalogs (locale/), read as a reader
sees them, and the committed catalogs' compiled files in step with their sources."""

import gettext
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from articles.models import Article
from glossary_site.serving import pagecache

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = {"de": 2, "ja": 1}  # language: nplurals


def msgfmt():
    # Debian's gettext package (`make test` installs it with the other test tools).
    found = shutil.which("msgfmt")
    assert found, "msgfmt not found: install gettext (make system-packages)"
    return found


def compiled(po, tmp_path):
    mo = tmp_path / f"{po.parent.parent.name}.mo"
    subprocess.run([msgfmt(), "--check", "-o", str(mo), str(po)], check=True)
    return mo


def read_mo(path):
    with path.open("rb") as mo:
        return gettext.GNUTranslations(mo)


def view_response(path, language):
    """The view's own rendering of `path` in `language`, past the page cache: stored
    pages and shared fragments are keyed by address alone, not by language."""
    pagecache.clear()
    request = RequestFactory().get(path, HTTP_HOST="127.0.0.1")
    request.user = SimpleNamespace(is_staff=False, is_authenticated=False, is_active=False)
    with translation.override(language):
        match = resolve(request.path)  # the language prefix follows the active language
        response = match.func(request, *match.args, **match.kwargs)
        response.render()
    pagecache.clear()  # what this render remembered is not for the next request
    return response.content.decode()


@pytest.mark.parametrize("language", CATALOGS)
def test_committed_mo_file_is_its_po_file_compiled(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    fresh = read_mo(compiled(po, tmp_path))
    committed = read_mo(po.with_suffix(".mo"))
    assert committed._catalog == fresh._catalog, "run `make messages` and commit the .mo"


@pytest.mark.parametrize(("language", "nplurals"), CATALOGS.items())
def test_catalog_translates_every_message_with_the_languages_plural_forms(language, nplurals, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    report = subprocess.run(
        [msgfmt(), "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    ).stderr
    assert "untranslated" not in report and "fuzzy" not in report, report
    catalog = read_mo(po.with_suffix(".mo"))
    assert catalog.info()["language"] == language
    assert f"nplurals={nplurals};" in catalog.info()["plural-forms"]


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [("en", "1 term", "2 terms"), ("de", "1 Begriff", "2 Begriffe"), ("ja", "1 語", "2 語")],
)
def test_letter_bar_counts_take_the_languages_plural(language, one, two):
    letters = [
        {"letter": "A", "url": "/glossary/letter/a/", "count": 1},
        {"letter": "B", "url": "/glossary/letter/b/", "count": 2},
    ]
    with translation.override(language):
        html = render_to_string("includes/letter_bar.html", {"letters": letters})
    text = html.replace('<span class="visually-hidden">', "").replace("</span>", "")
    assert one in text and two in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,234 articles"), ("de", "1.234 Artikel"), ("ja", "1,234件の記事")],
)
def test_article_count_is_grouped_and_worded_in_the_pages_language(language, expected):
    page = SimpleNamespace(paginator=SimpleNamespace(count=1234))
    with translation.override(language):
        html = render_to_string("includes/blog_list_header.html", {"page_obj": page})
    assert expected in html


@pytest.mark.parametrize(
    ("language", "notice", "switcher"),
    [
        ("de", "Diese Übersetzung ist möglicherweise veraltet", "Noch in keiner anderen Sprache verfügbar."),
        ("ja", "この翻訳は古くなっている可能性があります", "ほかの言語版はまだありません。"),
    ],
)
def test_out_of_date_notice_and_switcher_messages_are_translated(language, notice, switcher):
    changed = (
        'The original has changed since this page was translated. <a href="%(url)s">Read the original '
        "(%(language)s)</a>."
    )
    with translation.override(language):
        assert translation.gettext("This translation may be out of date") == notice
        assert translation.gettext("Not available in other languages yet.") == switcher
        line = translation.gettext(changed) % {"url": "/glossary/api/", "language": "English"}
    assert '<a href="/glossary/api/">' in line
    assert "(English)" in line or "（English）" in line


@pytest.fixture
def newest_article(demo, db, settings):
    """The demo's newest article; it and the two before it in German and Japanese too:
    pages list the items of their own language (the sidebar the others)."""
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    newest = list(Article.objects.published().order_by("-published_at")[:3])
    for source, language in itertools.product(newest, ("de", "ja")):
        Article.objects.create(
            title=f"{source.title} ({language})",
            slug=f"{source.slug}-{language}",
            summary=source.summary,
            body=source.body,
            author=source.author,
            language=language,
            translation_key=source.translation_key,
            translated_from=source.source_revision,
            status="published",
            published_at=source.published_at,
        )
    return newest[0]


def test_german_pages_show_the_interface_dates_and_reading_time_in_german(newest_article):
    glossary = view_response("/de/glossary/", "de")
    assert "<h1>Glossar</h1>" in glossary
    assert 'aria-label="Begriffe nach Anfangsbuchstabe"' in glossary
    assert ">Nach oben</a>" in glossary and "Zum Inhalt springen" in glossary
    article = view_response(f"/de/blog/{newest_article.slug}-de/", "de")
    day = newest_article.published_at
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli"]
    months += ["August", "September", "Oktober", "November", "Dezember"]
    assert f">{day.day}. {months[day.month - 1]} {day.year}</time>" in article
    assert f"Lesezeit {newest_article.reading_time} Min." in article
    assert "Neueste Artikel" in article  # the sidebar, a shared fragment


def test_japanese_pages_show_the_interface_and_dates_in_japanese(newest_article):
    blog = view_response("/ja/blog/", "ja")
    day = newest_article.published_at
    assert f">{day.year}年{day.month}月{day.day}日</time>" in blog
    assert f"{newest_article.reading_time}分で読めます" in blog
    assert "<h1>ブログ</h1>" in blog and ">ホーム</a>" in blog
    search = view_response("/ja/search/?q=zzzqqq", "ja")
    assert "「zzzqqq」に一致するものは見つかりませんでした。" in search


@pytest.mark.parametrize(
    ("path", "phrases"),
    [
        ("/", ["Skip to content", "New in the glossary", "From the blog", "Back to top"]),
        ("/glossary/", ["Plain explanations of the words backend", 'aria-label="Terms by letter"']),
        ("/glossary/backend-developer/", ["Related terms", "Recent Articles", r"<span>Read \d+ min</span>"]),
        ("/blog/", ["Subscribe:", r"\d+ articles</span>", r">[A-Z][a-z]+ \d{1,2}, \d{4}</time>"]),
        ("/search/?q=api", [r"Results 1–\d+ of \d+ for “api”\."]),
        ("/no-such-page/", ["Page not found", "Browse the glossary A to Z"]),
    ],
)
def test_english_pages_show_their_words_and_no_template_syntax(demo, client, path, phrases):
    html = client.get(path).content.decode()
    for leak in ("{%", "{{", "%(", "msgid"):
        assert leak not in html, (path, leak)
    for phrase in phrases:
        assert re.search(phrase, html), (path, phrase)
