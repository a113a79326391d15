"""The hovercards on another site: a plain page on a different loopback origin,
under a strict Content Security Policy, includes /embed/glossary.js.

The partner page is served by a real HTTP server of its own (http.server on
another port), with a stylesheet that tries to restyle everything; the glossary is
the shared `site_server` with the demo content."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
HOSTILE_CSS = "* { font-size: 40px !important; color: red !important; border: 3px solid red !important; }"
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner docs</title><link rel="stylesheet" href="/host.css"></head>
<body><main>
<h1>Partner docs</h1>
<p>Our payments team hires a <a href="{glossary}/glossary/backend-developer/">backend developer</a>
every spring. <a href="https://example.com/elsewhere/">Another site's page</a> is just a link.</p>
</main>
<script src="{glossary}/embed/glossary.js" defer></script>
</body>
</html>"""
# Scripts and API calls from the glossary only; no inline style or script, no eval.
CSP = "default-src 'none'; script-src {glossary}; connect-src {glossary}; style-src 'self'; base-uri 'none'"
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.fixture(scope="module")
def partner(site_server):
    """The partner's site: another origin (its own port) on loopback."""
    glossary = site_server.base_url

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/host.css":
                body, kind = HOSTILE_CSS, "text/css"
            else:
                body, kind = PAGE.format(glossary=glossary), "text/html; charset=utf-8"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", CSP.format(glossary=glossary))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def open_partner(new_page, partner, **options):
    page = new_page(**options)
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(partner)
    link = page.get_by_role("link", name="backend developer")
    # Described up front from the API, before anyone reaches the link.
    expect(link).to_have_attribute("aria-describedby", "glossary-term-backend-developer")
    return page, link


def card_of(page):
    return page.locator("glossary-hovercard").locator(".card")  # inside its open shadow root


def test_keyboard_focus_shows_the_card_and_escape_closes_it(new_page, partner):
    page, link = open_partner(new_page, partner)
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    card = card_of(page)
    expect(card).to_be_visible()
    expect(card).to_have_attribute("role", "tooltip")
    expect(card.locator(".title")).to_have_text("Backend Developer")
    summary = page.evaluate("document.getElementById('glossary-term-backend-developer').textContent")
    assert summary and summary in card.inner_text()
    # The partner's stylesheet reaches neither the card nor its host.
    assert card.evaluate("el => getComputedStyle(el).fontSize") == "14px"
    assert card.evaluate("el => el.getBoundingClientRect().width") <= 320
    assert page.locator("glossary-hovercard").evaluate("el => getComputedStyle(el).borderTopWidth") == "0px"
    # Below the link, inside the viewport.
    link_box, card_box = link.bounding_box(), card.bounding_box()
    assert card_box["y"] >= link_box["y"] + link_box["height"] and card_box["x"] >= 0

    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, blocking

    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(link).to_be_focused()
    assert page.evaluate("window.cspViolations") == []
    # The policy is in force: an inline <style> is refused, as it would be for the script.
    page.evaluate(
        "document.head.append(Object.assign(document.createElement('style'), {textContent: 'p {}'}))"
    )
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.cspViolations")[0].startswith("style-src")


def test_hover_shows_the_card_and_other_links_get_none(new_page, partner):
    page, link = open_partner(new_page, partner)
    page.get_by_role("link", name="Another site's page").hover()
    page.wait_for_timeout(300)
    expect(page.locator("glossary-hovercard")).to_have_count(0)
    link.hover()
    expect(card_of(page)).to_be_visible()
    page.mouse.move(0, 0)
    expect(card_of(page)).to_be_hidden()


def test_a_tap_shows_the_card_and_a_second_tap_follows_the_link(new_page, partner, site_server):
    page, link = open_partner(
        new_page, partner, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    link.tap()
    card = card_of(page)
    expect(card).to_be_visible()
    assert page.url == partner
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("window.cspViolations") == []
    link.tap()
    page.wait_for_url(site_server.url("/glossary/backend-developer/"))


def test_the_demo_page_shows_cards_under_the_sites_own_policy(new_page):
    page = new_page()
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto("/embed/")
    sample = page.locator("#try + p a").first
    sample.focus()
    expect(card_of(page)).to_be_visible()
    expect(card_of(page).locator(".title")).to_have_text(sample.inner_text())
    assert page.evaluate("window.cspViolations") == []
