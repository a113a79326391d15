"""The glossary's pages in each site language (issue 28): a translation at its own
address under the language's prefix, and every list, feed and redirect holding the
items of the page's language only."""

import pytest

from terms.models import Term


@pytest.fixture
def deploy(make_term, translate):
    """An English term with a German translation, and an English-only term."""
    source = make_term(title="Deploy", slug="deploy")
    german = translate(source, "de", title="Bereitstellung", slug="bereitstellung")
    only_english = make_term(title="Backlog", slug="backlog")
    return source, german, only_english


def test_a_german_translation_answers_under_de_in_german(deploy, visit):
    page = visit("/de/glossary/bereitstellung/")
    assert page.html["lang"] == "de"
    assert page.h1.get_text(strip=True) == "Bereitstellung"


def test_a_translation_has_no_page_at_the_source_languages_address(deploy, client):
    assert client.get("/glossary/bereitstellung/").status_code == 404


def test_an_english_only_term_has_no_german_page(deploy, client):
    assert client.get("/de/glossary/backlog/").status_code == 404
    assert client.get("/glossary/backlog/").status_code == 200


def test_a_prefix_of_a_language_the_site_does_not_publish_is_not_found(deploy, client):
    assert client.get("/fr/glossary/deploy/").status_code == 404
    assert client.get("/en/glossary/deploy/").status_code == 404  # the source has no prefix


def test_the_german_index_lists_only_german_terms(deploy, visit):
    german = visit("/de/glossary/").get_text()
    english = visit("/glossary/").get_text()
    assert "Bereitstellung" in german and "Deploy" not in german and "Backlog" not in german
    assert "Deploy" in english and "Bereitstellung" not in english


def test_a_german_letter_page_lists_german_terms(deploy, visit):
    assert "Bereitstellung" in visit("/de/glossary/letter/b/").get_text()
    assert "Backlog" not in visit("/de/glossary/letter/b/").get_text()
    assert "Bereitstellung" not in visit("/glossary/letter/b/").get_text()


def test_the_glossary_feed_is_one_per_language(deploy, client):
    german = client.get("/de/glossary/feed/").content.decode()
    english = client.get("/glossary/feed/").content.decode()
    assert "/de/glossary/bereitstellung/" in german and "/glossary/deploy/" not in german
    assert "<language>de</language>" in german
    assert "/glossary/deploy/" in english and "bereitstellung" not in english


def test_a_renamed_german_slug_redirects_within_german(deploy, client):
    _, german, _ = deploy
    german.slug = "bereitstellen"
    german.save()
    response = client.get("/de/glossary/bereitstellung/")
    assert response.status_code == 301 and response["Location"] == "/de/glossary/bereitstellen/"
    assert client.get("/glossary/bereitstellung/").status_code == 404


def test_a_translation_may_have_a_slug_in_its_own_script(three_languages, make_term, visit):
    source = make_term(title="Node", slug="node")
    make_term(title="ノード", slug="ノード", language="ja", translation_key=source.translation_key)
    page = visit("/ja/glossary/ノード/")
    assert page.html["lang"] == "ja"
    assert Term.objects.get(slug="ノード").get_absolute_url() == "/ja/glossary/ノード/"


def test_related_terms_of_a_translation_link_within_its_language(deploy, make_term, visit):
    _, german, _ = deploy
    other = make_term(title="Container", slug="container-de", language="de")
    german.related.add(other)
    links = [a["href"] for a in visit("/de/glossary/bereitstellung/").select("a[href]")]
    assert "/de/glossary/container-de/" in links


def test_the_switcher_links_the_published_translations_in_their_own_names(deploy, translate, visit):
    source, _, _ = deploy
    translate(source, "ja", title="デプロイ", slug="デプロイ", status="draft")
    switcher = visit("/glossary/deploy/").select_one("nav.language-switcher")
    assert switcher["aria-label"] == "Language"
    assert "This page is also available in" in switcher.get_text()
    links = [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in switcher.select("a")]
    assert links == [("/de/glossary/bereitstellung/", "de", "de", "Deutsch")]


def test_the_switcher_of_an_english_only_term_says_there_is_none(deploy, visit):
    switcher = visit("/glossary/backlog/").select_one("nav.language-switcher")
    assert switcher.get_text(strip=True) == "Not available in other languages yet."
    assert not switcher.select("a")


def test_a_site_of_one_language_shows_no_switcher(make_term, visit):
    make_term(title="Deploy", slug="deploy")
    assert visit("/glossary/deploy/").select_one(".language-switcher") is None


def test_a_german_not_found_page_suggests_german_terms_only(deploy, client):
    english = client.get("/glossary/deplo/")
    german = client.get("/de/glossary/deplo/")
    assert english.status_code == german.status_code == 404
    assert 'href="/glossary/deploy/"' in english.content.decode()
    assert "deploy/" not in german.content.decode()
    assert '<html lang="de">' in german.content.decode()


def test_a_term_page_lists_related_terms_and_articles_of_its_own_language_only(
    deploy, make_term, make_article, visit
):
    _, german, _ = deploy
    german.related.add(make_term(title="Rollback", slug="rollback"))
    make_article(title="Release day", slug="release-day").mentioned_terms.add(german)
    make_article(title="Freigabetag", slug="freigabetag", language="de").mentioned_terms.add(german)
    text = visit("/de/glossary/bereitstellung/").get_text()
    assert "Rollback" not in text and "Release day" not in text
    assert "Freigabetag" in text


# データベース ("database"), as a browser sends it in an address.
ENCODED = "/ja/glossary/%E3%83%87%E3%83%BC%E3%82%BF%E3%83%99%E3%83%BC%E3%82%B9/"


@pytest.fixture
def japanese_database(make_term, translate):
    """An English term and its Japanese translation, whose slug is in katakana."""
    translate(make_term(title="Database", slug="database"), "ja", title="データベース", slug="データベース")


def test_the_sitemap_gives_a_japanese_address_percent_encoded(japanese_database, client):
    sitemap = client.get("/sitemap-terms.xml").content.decode()
    assert sitemap.isascii()
    assert sitemap.count(ENCODED) == 3  # its own entry, and an alternate in both entries


def test_the_head_of_a_japanese_page_names_its_addresses_as_uris(japanese_database, visit, client):
    encoded = ENCODED
    page = visit(encoded)
    assert page.select_one('link[rel="canonical"]')["href"].endswith(encoded)
    assert page.select_one('meta[property="og:url"]')["content"].endswith(encoded)
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates["ja"].endswith(encoded) and alternates["en"].endswith("/glossary/database/")
    english = visit("/glossary/database/").select_one('link[rel="alternate"][hreflang="ja"]')["href"]
    assert english.endswith(encoded)
    api = client.get("/api/terms/database/", {"lang": "ja"}, follow=True).json()
    assert api["url"].endswith(encoded)
