"""XSS, the renderer alone: every attack string in glossary_site/testing/xss_corpus.py
comes out of the sanitiser with no script, handler or dangerous URL, and the
harmless words around it kept. glossary_site/tests/test_xss_browser.py shows the
same strings on a real site in headless Chromium."""

import re

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup.markdown import render
from glossary_site.testing.xss_corpus import (
    PAYLOADS,
    body_for,
    body_groups,
    expected_markers,
    has_word,
    wrap,
)

DANGEROUS_TAGS = {
    "script", "style", "iframe", "object", "embed", "meta", "base", "form", "input", "button",
    "textarea", "select", "svg", "math", "link", "frame", "frameset", "template", "noscript",
    "video", "audio", "source", "isindex", "details", "marquee", "body",
}  # fmt: skip
DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)


def test_the_corpus_has_at_least_a_hundred_distinct_attacks():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 100


def assert_harmless(html, source):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in DANGEROUS_TAGS, (source, str(element))
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (source, str(element))
            assert name.lower() not in {"style", "srcdoc", "formaction", "xlink:href"}, (source, str(element))
            values = value if isinstance(value, list) else [value]
            assert not any(DANGEROUS_SCHEME.match(v) for v in values), (source, str(element))
    assert "<script" not in html.lower(), source


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_rendered_payload_has_no_script_handler_or_dangerous_url(n):
    for source in (wrap(n, PAYLOADS[n]), f"SAFE-BEFORE-{n}\n\n{PAYLOADS[n]}\n\nSAFE-AFTER-{n}"):
        assert_harmless(render(source), source)


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_each_payload_alone_keeps_its_safe_words(n):
    text = BeautifulSoup(render(body_for([n])), "html.parser").get_text()
    missing = [word for word in expected_markers([n]) if not has_word(text, word)]
    assert not missing


def test_the_bodies_carry_every_payload_at_most_ten_to_a_body():
    groups = body_groups()
    assert sorted(n for group in groups for n in group) == list(range(len(PAYLOADS)))
    assert max(map(len, groups)) <= 10
    assert len(groups) <= len(PAYLOADS) // 4, "bodies stay few, so the browser test stays fast"
