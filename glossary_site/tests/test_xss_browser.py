"""XSS in a real browser: every attack string in glossary_site/testing/xss_corpus.py,
saved in every field an editor writes and sent as search queries, shown by a real
gunicorn server in headless Chromium (the renderer alone: markup/tests/test_xss.py).

No dialog opens, no script runs, the browser reports no CSP violation (so the
sanitiser stopped everything by itself: the policy is a second wall, not the
first), and the harmless words around each payload are still on the page.
"""

import re
import secrets
import urllib.parse

import pytest
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, manage, site_env
from glossary_site.testing.xss_corpus import (
    PAYLOADS,
    SWALLOWS_THE_REST,
    body_groups,
    expected_markers,
    has_word,
    one_line,
    wrap,
)

pytestmark = pytest.mark.browser


WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI || "inline"}`);
});
"""
# What a page would hold if a payload got through: handlers, dangerous URLs, foreign scripts.
DOM_PROBE = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (/^on/i.test(attr.name) || /^(javascript|vbscript|data):/.test(value.replace(/\\s/g, ""))
          || attr.name === "srcdoc" || attr.name === "formaction") {
        found.push(`${el.tagName} ${attr.name}=${attr.value}`.slice(0, 120));
      }
    }
  }
  // Our own script files, and data blocks (JSON, JSON-LD) that never run.
  for (const script of document.scripts) {
    const src = script.getAttribute("src") || "";
    const dataBlock = ["application/json", "application/ld+json"].includes(script.type);
    const ours = src.startsWith("/") && !src.startsWith("//");
    if (!dataBlock && !ours) found.push(`script ${script.type} ${src || script.text.slice(0, 60)}`);
  }
  for (const tag of ["iframe", "object", "embed", "base", "meta[http-equiv]", "svg", "math", "form#x"]) {
    if (document.querySelector(`main ${tag}`)) found.push(`element ${tag}`);
  }
  return found;
}
"""


# Everything check() reads from a page, in one round trip to the browser.
LOOK = f"""() => ({{
  text: document.body.innerText,
  ran: typeof window.__xss !== "undefined",
  csp: window.__cspViolations,
  dom: ({DOM_PROBE.strip()})(),
}})"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory, migrated_database):
    """A gunicorn server whose only content is the corpus, and a staff account."""
    tmp = tmp_path_factory.mktemp("xss")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, migrated_database.copy(tmp), DJANGO_SUPERUSER_PASSWORD=password)
    manage(env, "shell", "-c", "from glossary_site.testing.xss_corpus import load; load()")
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.com")
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server, password
    finally:
        server.stop()


class Visitor:
    """One browser tab that records dialogs and CSP violations and checks each page."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(base_url=base_url)
        self.context.set_default_timeout(10_000)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.dialogs = []
        self.page.on("dialog", self._dialog)
        self.problems = {}

    def _dialog(self, dialog):
        self.dialogs.append(f"{self.page.url}: {dialog.message}")
        dialog.dismiss()

    def visit(self, path, markers=()):
        response = self.page.goto(path)
        assert response.status == 200, (path, response.status)
        self.check(path, markers)

    def check(self, where, markers=()):
        page = self.page
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # let onload, onerror and autofocus handlers fire
        seen = page.evaluate(LOOK)
        found = {
            "ran": seen["ran"],
            "csp": seen["csp"],
            "dom": seen["dom"],
            "missing": [word for word in markers if not has_word(seen["text"], word)],
        }
        found = {key: value for key, value in found.items() if value}
        if found:
            self.problems[where] = found

    def close(self):
        self.context.close()


@pytest.fixture
def visitor(browser, xss_site):
    visitor = Visitor(browser, xss_site[0].base_url)
    yield visitor
    visitor.close()
    assert visitor.dialogs == [], visitor.dialogs
    assert visitor.problems == {}, "\n".join(f"{where}: {found}" for where, found in visitor.problems.items())


def title_markers(numbers):
    return [word for n in numbers for word in (f"SAFE-BEFORE-{n}", f"SAFE-AFTER-{n}")]


ALL = range(len(PAYLOADS))


def test_titles_and_summaries_in_lists_are_only_text(visitor):
    visitor.visit("/glossary/letter/s/", title_markers(ALL))
    visitor.visit("/glossary/")
    visitor.visit("/")
    pages = (len(PAYLOADS) + 9) // 10
    for number in range(1, pages + 1):
        first = (number - 1) * 10
        visitor.visit(f"/blog/?page={number}", title_markers(range(first, min(first + 10, len(PAYLOADS)))))
    visitor.visit("/blog/author/xss-author/", ["SAFE-BEFORE-0"])
    visitor.visit("/blog/tag/xss-tag-0/", ["SAFE-BEFORE-0", "SAFE-AFTER-0"])


def test_bodies_titles_and_aliases_on_their_pages_are_harmless(visitor):
    for n, group in enumerate(body_groups()):
        markers = [*expected_markers(group), f"SAFE-BEFORE-{n}"]
        if PAYLOADS[n] not in SWALLOWS_THE_REST:
            markers.append(f"SAFE-AFTER-{n}")
        visitor.visit(f"/glossary/xss-term-{n}/", markers)
        visitor.visit(f"/blog/xss-article-{n}/", markers)


def test_an_alias_address_redirects_without_running_anything(visitor):
    visitor.visit("/glossary/xss-alias-3/", title_markers([3]))
    assert visitor.page.url.endswith("/glossary/xss-term-3/")


def test_every_payload_as_a_search_query_is_shown_as_text(visitor):
    visitor.visit("/search/?q=SAFE")  # ranked results with highlighted snippets
    for n, payload in enumerate(PAYLOADS):
        query = urllib.parse.quote(wrap(n, one_line(payload)))
        visitor.visit(f"/search/?q={query}", title_markers([n]))


def test_search_suggestions_show_hostile_titles_as_text(visitor):
    page = visitor.page
    page.goto("/blog/")
    box = page.get_by_role("combobox", name="Search terms and articles")
    for n in (0, 10, 11, 22, 96):
        box.fill("")
        box.press_sequentially(f"SAFE-BEFORE-{n} ", delay=10)
        expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
        visitor.check(f"suggestions for {n}")


def test_the_admin_and_its_live_preview_show_the_corpus_harmlessly(visitor, xss_site):
    page = visitor.page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(xss_site[1])
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("button", name="Log out").or_(page.get_by_role("link", name="Log out"))
    ).to_be_visible()
    visitor.visit("/admin/terms/term/", title_markers(range(20)))
    for n in (0, 9):
        page.goto("/admin/terms/term/")
        link = page.locator("#result_list a", has_text=re.compile(rf"^SAFE-BEFORE-{n} ")).first
        link.click()
        preview = page.locator(".markdownx-preview")
        expect(preview).to_contain_text(f"SAFE-BEFORE-{body_groups()[n][0]}", timeout=10_000)
        visitor.check(f"admin change form and preview of term {n}", expected_markers(body_groups()[n]))
