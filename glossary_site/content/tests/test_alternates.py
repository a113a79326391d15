"""A page among its versions in the site's languages (issue 28): hreflang alternates
with x-default, og:locale, inLanguage, and the sitemap's alternates."""

import json

import pytest

from glossary_site.content.alternates import og_locale


@pytest.fixture
def deploy(three_languages, make_term):
    source = make_term(title="Deploy", slug="deploy")
    make_term(
        title="Bereitstellung", slug="bereitstellung", language="de", translation_key=source.translation_key
    )
    make_term(
        title="デプロイ",
        slug="デプロイ",
        language="ja",
        translation_key=source.translation_key,
        status="draft",
    )
    make_term(title="Backlog", slug="backlog")
    return source


def _alternates(page):
    return {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}


def test_a_translation_and_its_source_name_each_other_and_the_source_as_x_default(deploy, visit):
    expected = {
        "en": "http://testserver/glossary/deploy/",
        "de": "http://testserver/de/glossary/bereitstellung/",
        "x-default": "http://testserver/glossary/deploy/",
    }
    assert _alternates(visit("/de/glossary/bereitstellung/")) == expected
    assert _alternates(visit("/glossary/deploy/")) == expected  # the draft in Japanese is not named


def test_the_canonical_stays_the_pages_own_address(deploy, visit):
    page = visit("/de/glossary/bereitstellung/")
    assert page.select_one("link[rel=canonical]")["href"] == "http://testserver/de/glossary/bereitstellung/"


def test_a_term_without_translations_names_only_itself(deploy, visit):
    assert _alternates(visit("/glossary/backlog/")) == {
        "en": "http://testserver/glossary/backlog/",
        "x-default": "http://testserver/glossary/backlog/",
    }


def test_og_locale_and_its_alternates(deploy, visit):
    page = visit("/de/glossary/bereitstellung/")
    assert page.select_one("meta[property='og:locale']")["content"] == "de_DE"
    assert [m["content"] for m in page.select("meta[property='og:locale:alternate']")] == ["en_US"]


def test_the_json_ld_says_the_pages_language(deploy, visit):
    page = visit("/de/glossary/bereitstellung/")
    data = [json.loads(script.string) for script in page.select("script[type='application/ld+json']")]
    term = next(block for block in data if block["@type"] == "DefinedTerm")
    assert term["inDefinedTermSet"]["inLanguage"] == "de"


@pytest.mark.parametrize("path", ["/", "/glossary/", "/blog/"])
def test_list_pages_alternate_to_the_same_list_in_every_language(deploy, visit, path):
    alternates = _alternates(visit(f"/ja{path}"))
    assert alternates == {
        "en": f"http://testserver{path}",
        "de": f"http://testserver/de{path}",
        "ja": f"http://testserver/ja{path}",
        "x-default": f"http://testserver{path}",
    }
    assert visit(f"/ja{path}").html["lang"] == "ja"


def test_a_site_of_one_language_has_no_alternates(make_term, visit):
    make_term(title="Deploy", slug="deploy")
    page = visit("/glossary/deploy/")
    assert not page.select("link[hreflang]") and not page.select("meta[property='og:locale']")
    assert page.html["lang"] == "en"


def test_the_sitemap_lists_each_urls_alternates(deploy, client):
    xml = client.get("/sitemap.xml").content.decode()
    german = xml.split("<loc>http://testserver/de/glossary/bereitstellung/</loc>")[1].split("</url>")[0]
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/glossary/deploy/"/>' in german
    assert 'hreflang="x-default" href="http://testserver/glossary/deploy/"' in german
    assert "デプロイ" not in xml  # a draft
    assert "<loc>http://testserver/ja/glossary/</loc>" in xml


def test_a_sitemap_of_one_language_lists_no_alternates(make_term, client):
    make_term(title="Deploy", slug="deploy")
    assert "xhtml:link" not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    ("code", "locale"),
    [("de", "de_DE"), ("ja", "ja_JP"), ("en", "en_US"), ("pt-br", "pt_BR"), ("zh-hans", "zh_CN")],
)
def test_og_locale_is_made_from_the_language_code(code, locale):
    assert og_locale(code) == locale
