"""The embeddable hovercard script and its demo page, as served."""

import gzip
import json
import re

import pytest
from django.test import Client


@pytest.fixture
def script(db, client):
    return client.get("/embed/glossary.js")


def test_the_script_is_javascript_for_any_site_with_its_addresses_filled_in(script):
    assert script.status_code == 200
    assert script["Content-Type"] == "text/javascript; charset=utf-8"
    assert script["Access-Control-Allow-Origin"] == "*"
    text = script.content.decode()
    assert "__GLOSSARY_CONFIG__" not in text
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", text)[1])
    assert config == {"terms": "/glossary/", "api": "/api/terms/", "origins": ["http://testserver"]}


def test_the_script_weighs_under_10_kb_compressed(script):
    assert len(gzip.compress(script.content, compresslevel=9)) < 10 * 1024


def test_the_script_needs_no_eval_inline_style_or_html_parsing(script):
    # What a strict CSP refuses (eval, style attributes, <style>) or what could run
    # the API's text as markup (innerHTML): none of it is in the script.
    text = re.sub(r"/\*.*?\*/", "", script.content.decode(), flags=re.S)
    for forbidden in (
        "eval(",
        "new Function",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "cssText",
        'setAttribute("style"',
        'createElement("style")',
        "document.write",
    ):
        assert forbidden not in text, forbidden
    assert "adoptedStyleSheets" in text and 'credentials: "omit"' in text


def test_a_cached_copy_keeps_its_cors_header(db):
    client = Client()
    client.get("/embed/glossary.js")
    again = client.get("/embed/glossary.js")
    assert again["X-Page-Cache"] == "hit" and again["Access-Control-Allow-Origin"] == "*"


def test_the_demo_page_shows_sample_terms_and_the_snippet_to_copy(make_term, visit):
    make_term(title="Ledger", slug="ledger")
    make_term(title="Queue", slug="queue")
    page = visit("/embed/")
    assert page.h1.get_text() == "Glossary hovercards for your site"
    assert [a["href"] for a in page.select("#try + p a")] == ["/glossary/ledger/", "/glossary/queue/"]
    snippet = page.select_one("#snippet ~ pre").get_text()
    assert snippet == '<script src="http://testserver/embed/glossary.js" defer></script>'
    assert page.select_one('script[src="/embed/glossary.js"]') is not None


def test_with_several_languages_the_script_knows_where_each_languages_pages_start(db, settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    text = Client().get("/embed/glossary.js").content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*?\}\});", text)[1])
    assert list(config["languages"]) == ["en", "de", "ja"]
    assert config["languages"]["en"] == config["terms"] == "/glossary/"
    # The card's language comes from the page: the script tag's data-lang, else <html lang>.
    assert "script.dataset.lang" in text and "document.documentElement.lang" in text
