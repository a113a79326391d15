"""The blog in each site language (issue 28): lists, tag and author pages, the
home page and an article's neighbours hold the items of the page's language."""

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def blog(three_languages, make_article, make_tag, make_author):
    tag, author = make_tag("Payments"), make_author("Ada")
    now = timezone.now()
    older = make_article(title="Ledgers explained", slug="ledgers", published_at=now - timedelta(days=3))
    source = make_article(title="Launch notes", slug="launch-notes", published_at=now - timedelta(days=2))
    newer = make_article(title="Refunds", slug="refunds", published_at=now - timedelta(days=1))
    german = make_article(
        title="Startnotizen",
        slug="startnotizen",
        language="de",
        translation_key=source.translation_key,
        published_at=now - timedelta(days=2),
    )
    for article in (older, source, newer, german):
        article.tags.add(tag)
        article.author = author
        article.save()
    return german


def _text(visit, path):
    return visit(path).get_text()


@pytest.mark.parametrize("path", ["/de/blog/", "/de/blog/tag/payments/", "/de/blog/author/ada/", "/de/"])
def test_german_lists_hold_only_german_articles(blog, visit, path):
    text = _text(visit, path)
    assert "Startnotizen" in text
    assert not [title for title in ("Launch notes", "Refunds", "Ledgers explained") if title in text]


@pytest.mark.parametrize("path", ["/blog/", "/blog/tag/payments/", "/blog/author/ada/", "/"])
def test_english_lists_hold_no_german_article(blog, visit, path):
    text = _text(visit, path)
    assert "Launch notes" in text and "Startnotizen" not in text


def test_an_articles_neighbours_are_in_its_language(blog, visit):
    english = visit("/blog/launch-notes/")
    links = {a["href"] for a in english.select("a[href]")}
    assert {"/blog/ledgers/", "/blog/refunds/"} <= links
    assert "/de/blog/startnotizen/" in links  # only through the language switcher
    german = visit("/de/blog/startnotizen/")
    german_links = {a["href"] for a in german.select(".entry a[href], .entry-sidebar a[href]")}
    assert not {"/blog/ledgers/", "/blog/refunds/", "/de/blog/ledgers/"} & german_links


def test_the_blog_feeds_are_one_per_language(blog, client):
    for feed in ("feed/", "feed/atom/"):
        german = client.get(f"/de/blog/{feed}").content.decode()
        assert "/de/blog/startnotizen/" in german and "/blog/refunds/" not in german
        assert "startnotizen" not in client.get(f"/blog/{feed}").content.decode()


def test_a_german_article_page_is_in_german(blog, visit):
    page = visit("/de/blog/startnotizen/")
    assert page.html["lang"] == "de"
    hreflangs = {link["hreflang"] for link in page.select("link[hreflang]")}
    assert hreflangs == {"en", "de", "x-default"}


def test_the_german_home_page_is_the_current_one_in_the_menu(blog, visit):
    current = visit("/de/").select_one(".site-nav a[aria-current=page]")
    assert current["href"] == "/de/" and current.get_text() == "Startseite"
