"""A crawl of the running site from "/": no broken internal link, every page valid
HTML (Nu HTML checker), every JSON-LD block parseable, feeds and sitemap reachable."""

import json
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from glossary_site.testing.vnu import describe, run_vnu

pytestmark = pytest.mark.browser
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/markdownx/")
MAX_PAGES = 400


def internal_links(base_url, path, html):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select("a[href], link[rel=alternate][href]"):
        target = urlsplit(urljoin(base_url + path, element["href"]))
        if target.netloc == urlsplit(base_url).netloc and not target.path.startswith(SKIP_PREFIXES):
            yield target.path + (f"?{target.query}" if target.query else "")


def test_crawl_from_home_finds_no_broken_link_and_only_valid_pages(site_server, tmp_path):
    queue, seen, pages, broken = deque(["/", "/sitemap.xml", "/robots.txt"]), set(), {}, []
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        status, body = site_server.get(path)
        if status != 200:
            broken.append(f"{path}: {status}")
            continue
        if body.lstrip().lower().startswith("<!doctype html"):
            pages[path] = body
            queue.extend(
                link for link in internal_links(site_server.base_url, path, body) if link not in seen
            )
    assert not broken, "broken internal links:\n" + "\n".join(broken)
    assert len(pages) > 40, f"the crawl reached only {len(pages)} pages"
    assert {"/glossary/backend-developer/", "/blog/feed/", "/glossary/letter/b/"} <= seen

    for path, html in pages.items():
        for script in BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]'):
            assert json.loads(script.string)["@context"] == "https://schema.org", path

    files = {}
    for n, (path, html) in enumerate(sorted(pages.items())):
        file = tmp_path / f"page-{n}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = path
    errors = [m for m in run_vnu(list(tmp_path.glob("page-*.html"))) if m.get("type") == "error"]
    assert not errors, "vnu errors:\n" + "\n".join(describe(m, files) for m in errors)
