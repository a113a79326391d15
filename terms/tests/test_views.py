"""What a reader sees on the glossary index and on a term page."""

import string
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from glossary_site.content.text import sort_key
from glossary_site.serving import pagecache
from terms.models import Term

SEED_BODY = """Intro paragraph.

## Overview

Text.

## Advantages

1. **Scalability:** grows with traffic.
2. **Security:** keeps data safe.

## Applications

Used widely.

## Conclusion

Done.
"""


def make_model_page(make_term, make_article):
    for n, title in enumerate(["Oldest", "Third", "Second", "Newest"]):
        make_article(title=title, published_at=timezone.now() - timedelta(days=10 - n))
    return make_term(
        title="Backend Developer",
        slug="backend-developer",
        body=SEED_BODY + "word " * 600,
        published_at=timezone.datetime(2024, 3, 19, 12, tzinfo=timezone.UTC),
    )


def test_term_page_has_the_model_page_anatomy(make_term, make_article, visit):
    make_model_page(make_term, make_article)
    page = visit("/glossary/backend-developer/")

    crumbs = page.select_one('nav[aria-label="Breadcrumb"]')
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == [
        "Home",
        "Glossary",
        "Backend Developer",
    ]
    assert [a["href"] for a in crumbs.select("a")] == ["/", "/glossary/"]
    assert crumbs.select_one('[aria-current="page"]').get_text() == "Backend Developer"

    assert [h1.get_text() for h1 in page.select("h1")] == ["Backend Developer"]
    meta = page.select_one(".entry-meta").get_text(" ", strip=True)
    assert "March 19, 2024" in meta
    assert "Read 3 min" in meta

    body = page.select_one(".prose")
    assert [h2.get_text().removesuffix(" #") for h2 in body.select("h2")] == [
        "Overview",
        "Advantages",
        "Applications",
        "Conclusion",
    ]
    assert body.select_one("ol li").get_text().startswith("Scalability:")

    sidebar = page.select_one("aside")
    assert sidebar.select_one("h2").get_text() == "Recent Articles"
    assert [a.get_text() for a in sidebar.select("li a")] == ["Newest", "Second", "Third"]
    assert sidebar.find("a", string="Visit Blog")["href"] == "/blog/"

    assert page.find("a", string="Back to top")["href"] == "#top"
    assert page.select_one("#top")
    nav = page.select_one('header nav[aria-label="Main"]')
    assert [a.get_text() for a in nav.select("a")] == ["Home", "Glossary", "Blog"]
    assert page.select_one("footer")
    assert page.title.get_text() == "Backend Developer — Glossary — DevTerms"


def test_draft_term_is_404_for_the_public(make_term, visit):
    make_term(slug="secret", status="draft")
    visit("/glossary/secret/", status=404)


def test_future_term_is_404_until_its_time(make_term, visit):
    make_term(slug="soon", published_at=timezone.now() + timedelta(hours=1))
    visit("/glossary/soon/", status=404)


def test_404_page_keeps_the_site_layout_and_offers_a_way_on(db, visit):
    page = visit("/glossary/no-such-term/", status=404)
    assert page.select_one("h1").get_text() == "Page not found"
    assert page.find("a", string="Browse the glossary A to Z")


def test_index_groups_published_terms_under_folded_letters_in_natural_order(make_term, visit):
    for title in ["beta", "Alpha", "Backend", "2FA", "Zebra", "École", "Ecommerce", "Web 10", "Web 2"]:
        make_term(title=title, slug=slugify(title) or "x")
    make_term(title="Apple draft", slug="apple-draft", status="draft")

    page = visit("/glossary/")
    groups = {
        section.select_one("h2").get_text(): [a.get_text() for a in section.select("li > a")]
        for section in page.select("section.letter-group")
    }
    assert list(groups) == ["A", "B", "E", "W", "Z", "#"]
    assert groups["A"] == ["Alpha"]
    assert groups["B"] == ["Backend", "beta"]
    assert groups["E"] == ["École", "Ecommerce"]
    assert groups["W"] == ["Web 2", "Web 10"]
    assert groups["#"] == ["2FA"]
    assert page.find("a", string="Alpha")["href"] == "/glossary/alpha/"


def test_letter_bar_shows_every_letter_with_counts_and_links_only_where_there_are_terms(make_term, visit):
    make_term(title="Alpha", slug="alpha")
    make_term(title="Apex", slug="apex")
    make_term(title="3D Secure", slug="3d-secure")
    bar = visit("/glossary/").select_one('nav[aria-label="Terms by letter"]')
    items = bar.select("li")
    assert [li.select_one(".letter-bar__letter").get_text() for li in items] == [*string.ascii_uppercase, "#"]
    assert items[0].a["href"] == "/glossary/letter/a/"
    assert items[0].get_text(" ", strip=True) == "A : 2 terms"
    assert items[1].a is None and "0" in items[1].get_text()
    assert items[-1].a["href"] == "/glossary/letter/0-9/"


def test_index_shows_the_first_terms_of_a_letter_and_links_to_all_of_them(make_term, visit, settings):
    settings.INDEX_TERMS_PER_LETTER = 3
    for n in range(5):
        make_term(title=f"Bank {n}", slug=f"bank-{n}")
    section = visit("/glossary/").select_one("section.letter-group")
    assert [a.get_text() for a in section.select("li > a")] == ["Bank 0", "Bank 1", "Bank 2"]
    more = section.select_one(".letter-group__more a")
    assert more.get_text() == "All 5 terms starting with B"
    assert more["href"] == "/glossary/letter/b/"


def bulk_terms(count, letter="B"):
    Term.objects.bulk_create(
        Term(
            title=f"{letter}term {n:05d}",
            slug=f"{letter.lower()}term-{n:05d}",
            sort_key=sort_key(f"{letter}term {n:05d}"),
            index_letter=letter,
            body="x",
            status="published",
            published_at=timezone.now() - timedelta(days=1),
        )
        for n in range(count)
    )


def test_letter_page_lists_one_letter_and_pages_beyond_200(db, visit):
    bulk_terms(201, "B")
    bulk_terms(2, "C")
    first = visit("/glossary/letter/b/")
    assert first.select_one("h1").get_text() == "Terms starting with B"
    links = [a.get_text() for a in first.select(".term-list a")]
    assert len(links) == 200 and links[0] == "Bterm 00000"
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"
    second = visit("/glossary/letter/b/?page=2")
    assert [a.get_text() for a in second.select(".term-list a")] == ["Bterm 00200"]
    assert [li.get_text(strip=True) for li in first.select('nav[aria-label="Breadcrumb"] li')] == [
        "Home",
        "Glossary",
        "B",
    ]


def test_unknown_letter_is_404(db, visit):
    visit("/glossary/letter/ab/", status=404)
    visit("/glossary/letter/%C3%A9/", status=404)


@pytest.mark.parametrize("url", ["/glossary/", "/glossary/letter/b/"])
def test_index_and_letter_page_make_the_same_queries_with_50_and_5000_terms(
    db, client, django_assert_num_queries, url
):
    bulk_terms(50)  # bulk_create sends no signals: clear the page cache to measure misses
    pagecache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    bulk_terms(4950, "C")
    Term.objects.filter(index_letter="C").update(index_letter="B")
    pagecache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_index_says_so_when_there_are_no_terms(db, visit):
    assert "No terms have been published yet." in visit("/glossary/").get_text()


def test_a_term_page_shows_twelve_related_terms_then_links_to_all_of_them(make_term, visit):
    hub = make_term(title="Hub", slug="hub")
    others = [make_term(title=f"Spoke {n:02d}", slug=f"spoke-{n:02d}") for n in range(15)]
    hub.related.set([*others, make_term(title="Hidden spoke", slug="hidden", status="draft")])
    page = visit("/glossary/hub/")
    section = page.select_one("#related-terms-heading").parent
    assert [a.get_text() for a in section.select("li a")] == [f"Spoke {n:02d}" for n in range(12)]
    more = section.find("a", string="and 3 more related terms")
    everything = visit(more["href"])
    assert more["href"] == "/glossary/hub/related/"
    assert [a.get_text() for a in everything.select(".term-list a")] == [f"Spoke {n:02d}" for n in range(15)]
    assert everything.select_one("h1").get_text() == "Terms related to Hub"


def test_a_term_with_few_related_terms_has_no_more_link(make_term, visit):
    hub = make_term(title="Hub", slug="hub")
    hub.related.set([make_term(title="Spoke", slug="spoke")])
    page = visit("/glossary/hub/")
    assert page.find("a", string=lambda text: text and "more related" in text) is None
    visit("/glossary/hub-draft/related/", status=404)
