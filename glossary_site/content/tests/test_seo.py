"""What search engines and sharing see: metadata, JSON-LD, feeds, sitemap, robots."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from glossary_site.content import sitemaps
from terms.models import TermAlias

SITE = "https://glossary.example.com"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def json_ld(page):
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


def by_type(page, kind):
    return next(data for data in json_ld(page) if data["@type"] == kind)


def head(page, selector, attribute="content"):
    element = page.select_one(selector)
    return element[attribute] if element else None


def test_term_page_metadata(make_term, visit):
    make_term(title="Ledger", slug="ledger", summary="A record of every movement of money.")
    page = visit("/glossary/ledger/?utm_source=x")
    assert page.title.get_text() == "Ledger — Glossary — DevTerms"
    assert page.html["lang"] == "en"
    assert head(page, 'meta[name="description"]') == "A record of every movement of money."
    assert head(page, 'link[rel="canonical"]', "href") == f"{SITE}/glossary/ledger/"
    assert head(page, 'meta[property="og:title"]') == "Ledger — Glossary — DevTerms"
    assert head(page, 'meta[property="og:url"]') == f"{SITE}/glossary/ledger/"
    assert head(page, 'meta[property="og:type"]') == "article"
    assert head(page, 'meta[property="og:site_name"]') == "DevTerms"
    assert head(page, 'meta[name="twitter:card"]') == "summary"
    assert head(page, 'meta[name="robots"]') is None
    feeds = {link["href"] for link in page.select('link[rel="alternate"]')}
    assert feeds == {"/blog/feed/", "/blog/feed/atom/", "/glossary/feed/"}


def test_term_json_ld_is_a_defined_term_in_the_glossary_with_its_breadcrumb(make_term, visit):
    make_term(title="Ledger", slug="ledger", summary="A record of money.")
    page = visit("/glossary/ledger/")
    term = by_type(page, "DefinedTerm")
    assert term["name"] == "Ledger"
    assert term["description"] == "A record of money."
    assert term["url"] == f"{SITE}/glossary/ledger/"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert term["inDefinedTermSet"]["url"] == f"{SITE}/glossary/"
    crumbs = by_type(page, "BreadcrumbList")["itemListElement"]
    visible = [li.get_text(strip=True) for li in page.select('nav[aria-label="Breadcrumb"] li')]
    assert [item["name"] for item in crumbs] == visible == ["Home", "Glossary", "Ledger"]
    assert [item["position"] for item in crumbs] == [1, 2, 3]
    assert crumbs[2]["item"] == f"{SITE}/glossary/ledger/"


def test_article_json_ld_is_a_blog_posting(make_article, visit):
    article = make_article(title="Money at scale", slug="money", body="## One\n\n" + "word " * 120)
    posting = by_type(visit("/blog/money/"), "BlogPosting")
    assert posting["headline"] == "Money at scale"
    assert posting["datePublished"] == article.published_at.isoformat()
    assert posting["dateModified"] == article.updated_at.isoformat()
    assert posting["wordCount"] == 121
    assert posting["author"]["name"] == "DevTerms"
    assert posting["url"] == f"{SITE}/blog/money/"


def test_home_page_describes_the_website_and_its_search(db, visit):
    website = by_type(visit("/"), "WebSite")
    assert website["url"] == f"{SITE}/"
    assert website["potentialAction"]["@type"] == "SearchAction"
    assert website["potentialAction"]["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term_string}}"


def test_glossary_index_is_a_defined_term_set(db, visit):
    assert by_type(visit("/glossary/"), "DefinedTermSet")["url"] == f"{SITE}/glossary/"


def test_json_ld_cannot_be_closed_by_content(make_term, client):
    hostile = "</script><script>alert(1)</script> & <!--"
    make_term(title="Evil", slug="evil", summary=hostile)
    html = client.get("/glossary/evil/").content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert scripts and all("<" not in s and ">" not in s and "&" not in s for s in scripts)
    assert json.loads(scripts[0])["description"] == hostile


def test_titles_are_unique_and_paged_lists_point_to_their_neighbours(make_article, visit):
    for n in range(25):
        make_article(title=f"Post {n}")
    first, second = visit("/blog/"), visit("/blog/?page=2")
    assert first.title.get_text() == "Blog — DevTerms"
    assert second.title.get_text() == "Blog — page 2 — DevTerms"
    assert head(first, 'link[rel="next"]', "href") == "/blog/?page=2"
    assert head(first, 'link[rel="prev"]', "href") is None
    assert head(second, 'link[rel="prev"]', "href") == "/blog/"
    assert head(second, 'link[rel="next"]', "href") == "/blog/?page=3"
    assert head(second, 'link[rel="canonical"]', "href") == f"{SITE}/blog/?page=2"


def test_search_results_are_noindex(db, visit):
    assert head(visit("/search/?q=x"), 'meta[name="robots"]') == "noindex"


@pytest.mark.parametrize("url", ["/blog/feed/", "/blog/feed/atom/"])
def test_article_feeds_parse_cleanly_with_absolute_links(make_article, client, url):
    make_article(title="Fresh", slug="fresh", summary="New things.")
    make_article(title="Draft", slug="draft", status="draft")
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Fresh"]
    entry = feed.entries[0]
    assert entry.link == f"{SITE}/blog/fresh/"
    assert entry.summary == "New things."
    assert entry.published_parsed or entry.updated_parsed


def test_new_terms_feed(make_term, client):
    make_term(title="Ledger", slug="ledger", summary="Money records.")
    make_term(title="Later", slug="later", published_at=timezone.now() + timedelta(days=1))
    feed = feedparser.parse(client.get("/glossary/feed/").content)
    assert not feed.bozo
    assert [(e.title, e.link) for e in feed.entries] == [("Ledger", f"{SITE}/glossary/ledger/")]


def sitemap_locs(client, url="/sitemap.xml"):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return root, [(u.findtext(f"{SITEMAP_NS}loc"), u.findtext(f"{SITEMAP_NS}lastmod")) for u in root]


def test_sitemap_lists_every_public_page_and_nothing_else(make_term, make_article, client):
    term = make_term(title="Ledger", slug="ledger")
    TermAlias.objects.create(term=term, name="Journal", slug="journal")
    make_term(title="Draft", slug="draft", status="draft")
    make_term(title="Future", slug="future", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Post", slug="post")
    root, entries = sitemap_locs(client)
    assert root.tag == f"{SITEMAP_NS}urlset"
    locs = [loc for loc, _ in entries]
    assert set(locs) == {
        f"{SITE}/",
        f"{SITE}/glossary/",
        f"{SITE}/blog/",
        f"{SITE}/glossary/letter/l/",
        f"{SITE}/glossary/ledger/",
        f"{SITE}/blog/post/",
    }
    assert all(W3C_DATETIME.match(lastmod) for _, lastmod in entries)
    for loc in locs:
        assert client.get(loc.removeprefix(SITE)).status_code == 200, loc


def test_sitemap_becomes_an_index_past_the_protocol_limit(make_term, client, monkeypatch):
    for n in range(4):
        make_term(title=f"Term {n}", slug=f"term-{n}")
    monkeypatch.setattr(sitemaps, "PROTOCOL_LIMIT", 3)
    for section in sitemaps.sections().values():
        monkeypatch.setattr(section, "limit", 3)
    root, entries = sitemap_locs(client)
    assert root.tag == f"{SITEMAP_NS}sitemapindex"
    parts = [loc for loc, _ in entries]
    assert f"{SITE}/sitemap-terms.xml" in parts and f"{SITE}/sitemap-terms.xml?p=2" in parts
    _, second = sitemap_locs(client, "/sitemap-terms.xml?p=2")
    assert [loc for loc, _ in second] == [f"{SITE}/glossary/term-3/"]


def test_robots_txt(db, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines and "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_robots_txt_keeps_crawlers_out_of_every_languages_search(db, client, three_languages):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert [line for line in lines if "search" in line] == [
        "Disallow: /search/",
        "Disallow: /de/search/",
        "Disallow: /ja/search/",
    ]
