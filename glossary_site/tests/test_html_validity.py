"""Every public page the real server sends is valid HTML, by the Nu HTML Checker (vnu)."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PUBLIC_PAGES = {
    "/": 200,
    "/glossary/": 200,
    "/glossary/backend-developer/": 200,
    "/blog/": 200,
    "/blog/?page=1": 200,
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


def run_vnu(files):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed: `make test` installs default-jre-headless.", pytrace=False)
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: `make test` installs it with npm ci.", pytrace=False)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    try:
        return json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"vnu did not report JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def describe(message, pages_by_name):
    """One vnu message as "page path line N: message [extract]"."""
    url = message.get("url", "")
    page = pages_by_name.get(url.rsplit("/", 1)[-1], url)
    extract = message.get("extract", "").strip()
    return f"- {page} line {message.get('lastLine', '?')}: {message.get('message')}  [{extract}]"


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
