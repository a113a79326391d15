"""Every public page the real server sends is valid HTML, by the Nu HTML Checker (vnu)."""

from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from glossary_site.testing.vnu import describe, run_vnu

from .conftest import TRANSLATED_TERM

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "/": 200,
    "/glossary/": 200,
    "/glossary/backend-developer/": 200,
    "/glossary/letter/d/": 200,
    "/blog/": 200,
    "/blog/?page=1": 200,
    "/blog/tag/architecture/": 200,
    "/blog/author/maya-lindqvist/": 200,
    "/search/": 200,
    "/search/?q=scal": 200,
    "/search/?q=zzyzx": 200,
    "/search/?q=Cahcing": 200,
    "/search/?q=Cahcing&literal=1": 200,
    "/search/?q=" + "x" * 300: 200,
    "/glossary/no-such-term/": 404,
    "/api/": 200,
    "/embed/": 200,
}


def article_paths(site_server, blog_html):
    """The article pages a reader can reach from the blog list."""
    soup = BeautifulSoup(blog_html, "html.parser")
    paths = []
    for link in soup.select(".article-list a[href]"):
        path = urlsplit(urljoin(site_server.url("/blog/"), link["href"])).path
        if path.startswith("/blog/") and path != "/blog/" and path not in paths:
            paths.append(path)
    return paths


def test_every_public_page_is_valid_html(site_server, tmp_path):
    pages = dict(PUBLIC_PAGES)
    status, blog_html = site_server.get("/blog/")
    assert status == 200
    articles = article_paths(site_server, blog_html)
    assert len(articles) >= 3, f"expected the demo articles on /blog/, found {articles}"
    pages.update(dict.fromkeys(articles, 200))

    files = {}
    for number, (path, expected_status) in enumerate(pages.items()):
        status, html = site_server.get(path)
        assert status == expected_status, (path, status)
        assert "<h1" in html, f"{path} has no h1: is it the real page?"
        file = tmp_path / f"page-{number:02d}.html"
        file.write_text(html, encoding="utf-8")
        files[file] = path

    messages = run_vnu(files)

    problems = [message for message in messages if message.get("type") in {"error", "non-document-error"}]
    pages_by_name = {file.name: path for file, path in files.items()}
    report = "\n".join(describe(message, pages_by_name) for message in problems)
    assert not problems, f"vnu found {len(problems)} HTML error(s):\n{report}"


# Issue 28: pages of a site in three languages (multilingual_server).
TRANSLATED_PAGES = {
    "/glossary/backend-developer/": 200,
    **{f"/{code}/glossary/{quote(slug)}/": 200 for code, (_, slug, _) in TRANSLATED_TERM.items()},
    "/de/glossary/": 200,
    "/ja/": 200,
    "/de/blog/": 200,
    "/glossary/caching/": 200,  # no translation: the switcher says so
    "/de/glossary/no-such-term/": 404,
}


def test_every_translated_page_is_valid_html(multilingual_server, tmp_path):
    files = {}
    for number, (path, expected_status) in enumerate(TRANSLATED_PAGES.items()):
        status, html = multilingual_server.get(path)
        assert status == expected_status, (path, status)
        assert "<h1" in html, f"{path} has no h1: is it the real page?"
        file = tmp_path / f"page-{number:02d}.html"
        file.write_text(html, encoding="utf-8")
        files[file] = path

    problems = [
        message for message in run_vnu(files) if message.get("type") in {"error", "non-document-error"}
    ]
    pages_by_name = {file.name: path for file, path in files.items()}
    report = "\n".join(describe(message, pages_by_name) for message in problems)
    assert not problems, f"vnu found {len(problems)} HTML error(s):\n{report}"
