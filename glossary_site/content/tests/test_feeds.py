"""Feeds carry summaries as the plain text editors wrote (issue 26, finding 10), and
a character XML cannot hold, stored before it was refused, never fails a feed (7)."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from terms.models import Term

ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = "Say <script>alert(1)</script> & <b>bold</b> in HTML."
FEEDS = ["/glossary/feed/", "/blog/feed/", "/blog/feed/atom/"]


def store_unchecked(model, pk, **fields):
    """Write fields straight to the row, as data from before the validator was."""
    model.objects.filter(pk=pk).update(**fields)


@pytest.fixture
def items(make_term, make_article):
    return make_term(title="Sanitiser", slug="sanitiser", summary=SCRIPT), make_article(
        title="Escaping", slug="escaping", summary=SCRIPT
    )


def test_an_atom_summary_is_text_and_a_parser_reads_the_literal_words(items, client):
    root = ET.fromstring(client.get("/blog/feed/atom/").content)
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == SCRIPT

    entry = feedparser.parse(client.get("/blog/feed/atom/").content).entries[0]
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary == SCRIPT


@pytest.mark.parametrize("url", ["/glossary/feed/", "/blog/feed/"])
def test_an_rss_description_is_escaped_so_readers_show_the_literal_words(items, client, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = feed.entries[0]
    # RSS readers take a description as HTML: shown, it must be the text itself,
    # with no element in it.
    shown = BeautifulSoup(entry.summary, "html.parser")
    assert shown.find() is None
    assert shown.get_text() == SCRIPT


@pytest.mark.parametrize("url", FEEDS)
def test_a_stored_control_character_leaves_every_feed_answering_valid_xml(items, client, url):
    term, article = items
    store_unchecked(Term, term.pk, title="Sani\x01tiser", summary="A filter\x01 for\ufffe HTML.")
    store_unchecked(type(article), article.pk, title="Esc\x1baping", summary="Text\x02 only.")

    response = client.get(url)

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    ET.fromstring(response.content)  # well-formed XML 1.0
    entry = feed.entries[0]
    assert (entry.title, entry.summary) in {("Sanitiser", "A filter for HTML."), ("Escaping", "Text only.")}


def test_a_stored_control_character_in_an_authors_name_leaves_the_feed_valid(make_article, client):
    from articles.models import Author

    author = Author.objects.create(name="Ada", slug="ada")
    make_article(title="Bylines", slug="bylines", author=author)
    Author.objects.filter(pk=author.pk).update(name="A\x02da")

    response = client.get("/blog/feed/atom/")

    assert response.status_code == 200
    assert feedparser.parse(response.content).entries[0].author == "Ada"
