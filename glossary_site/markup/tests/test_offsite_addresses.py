"""Addresses a browser reads as another site's, however they are written: "/\\host"
is "//host" to a browser (a backslash is a slash in http(s) addresses, and tabs and
newlines are dropped), so the renderer treats it as another site's, for images and
links alike (issue 26, finding 13)."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup.commonmark import as_browsers_read
from glossary_site.markup.markdown import render

# Each a start a browser reads as "//", written in HTML (entities included) and in Markdown.
STARTS = ["//", "/\\", "\\\\", "\\/", "/\t/", "/\n\\", " /\\", "\t\\\\", "/&#92;", "&#47;&#92;", "/&#9;/"]


def addresses(html):
    """(tag, attribute, the address as a browser reads it, as written) of every src and href."""
    page = BeautifulSoup(html, "html.parser")
    return [
        (tag.name, name, as_browsers_read(tag[name]), tag[name])
        for tag in page.find_all(["img", "a"])
        for name in ("src", "href")
        if tag.has_attr(name)
    ]


@pytest.mark.parametrize("start", STARTS)
def test_an_html_image_whose_address_a_browser_reads_as_another_site_is_dropped(start):
    html = render(f'Before <img src="{start}evil.example/x.png" alt="Evil chart"> after')
    assert "<img" not in html
    assert "Evil chart" in html


@pytest.mark.parametrize("start", [s for s in STARTS if "&" not in s and "\n" not in s])
def test_a_markdown_image_whose_address_a_browser_reads_as_another_site_is_no_image(start):
    html = render(f"Before ![Evil chart](<{start}evil.example/x.png>) after")
    assert not [found for found in addresses(html) if found[0] == "img" and found[2].startswith("//")], html


@pytest.mark.parametrize("start", STARTS)
def test_a_link_to_another_site_is_written_as_the_site_a_browser_follows(start):
    html = render(f'See <a href="{start}evil.example/page">this</a>.')
    [(_, _, read, written)] = addresses(html)
    assert read == written == "//evil.example/page"


@pytest.mark.parametrize("start", [s for s in STARTS if "&" not in s and "\n" not in s])
def test_a_markdown_link_never_hides_another_site_behind_a_path(start):
    html = render(f"See [this](<{start}evil.example/page>).")
    for _, _, read, written in addresses(html):
        assert not read.startswith("//") or read == written, html


def test_paths_on_this_site_are_left_as_written():
    html = render('<img src="/media/uploads/a.png" alt="A"> [b](/glossary/b/) <a href="/x/?q=a\\b">c</a>')
    assert html.count("<img") == 1
    assert [written for *_, written in addresses(html)] == [
        "/media/uploads/a.png",
        "/glossary/b/",
        "/x/?q=a\\b",
    ]
