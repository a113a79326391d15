"""What a reader sees on the glossary index and on a term page."""

from datetime import timedelta

from django.utils import timezone

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
    assert [h2.get_text() for h2 in body.select("h2")] == [
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


def test_index_lists_published_terms_alphabetically_under_letter_headings(make_term, visit):
    for title in ["beta", "Alpha", "Backend", "2FA", "Zebra"]:
        make_term(title=title, slug=title.lower())
    make_term(title="Apple draft", slug="apple-draft", status="draft")

    page = visit("/glossary/")
    groups = {
        section.select_one("h2").get_text(): [a.get_text() for a in section.select("li > a")]
        for section in page.select("section.letter-group")
    }
    assert list(groups) == ["#", "A", "B", "Z"]
    assert groups["B"] == ["Backend", "beta"]
    assert groups["A"] == ["Alpha"]
    assert page.find("a", string="Alpha")["href"] == "/glossary/alpha/"


def test_index_says_so_when_there_are_no_terms(db, visit):
    assert "No terms have been published yet." in visit("/glossary/").get_text()
