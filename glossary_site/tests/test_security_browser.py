"""The Content Security Policy in a real browser: public pages, the admin and the
Markdown editor (typing, live preview, image upload) all work under it, and the
browser reports no violation at all. Also the HTTP limits of a real gunicorn node."""

import base64
import http.client
import io
import re

import pytest
from playwright.sync_api import expect

from glossary_site.testing.servers import Browserless

pytestmark = pytest.mark.browser

# Collects every CSP violation a page reports, from the first script on.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
PUBLIC_PAGES = [
    "/",
    "/glossary/",
    "/glossary/letter/b/",
    "/glossary/backend-developer/",
    "/blog/",
    "/blog/moving-our-support-phone-lines-to-the-cloud/",
    "/search/?q=backend",
    "/search/?q=zzzz",
    "/glossary/no-such-term/",
]


@pytest.fixture
def watched_page(new_page):
    page = new_page()
    page.add_init_script(CSP_LISTENER)
    return page


def violations(page):
    return page.evaluate("window.__cspViolations")


def png_base64():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), (20, 120, 200)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_public_pages_run_under_the_policy_without_a_violation(watched_page):
    page = watched_page
    seen = {}
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers
        page.wait_for_load_state("load")
        seen[path] = violations(page)
    # The enhancing script still works: suggestions as you type, tooltips on focus.
    page.goto("/blog/")
    page.get_by_role("combobox", name="Search terms and articles").press_sequentially("backe", delay=30)
    expect(page.get_by_role("listbox").get_by_role("option").first).to_contain_text("Backend Developer")
    seen["/blog/ (suggestions)"] = violations(page)
    page.goto("/glossary/backend-developer/")
    link = page.locator(".prose a.term-link").first
    link.focus()
    expect(page.locator(f"#{link.get_attribute('aria-describedby')}")).to_be_visible()
    seen["term tooltip"] = violations(page)

    assert {path: found for path, found in seen.items() if found} == {}


def test_admin_and_the_markdown_editor_work_under_the_policy(watched_page, site_server):
    page = watched_page
    seen = {}
    page.goto("/admin/")
    page.get_by_label("Username").fill(site_server.username)
    page.get_by_label("Password").fill(site_server.password)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("button", name="Log out").or_(page.get_by_role("link", name="Log out"))
    ).to_be_visible()
    seen["admin index"] = violations(page)

    page.goto("/admin/terms/term/")
    expect(page.locator("#result_list")).to_be_visible()
    seen["change list"] = violations(page)
    page.goto("/admin/terms/term/add/")
    page.get_by_label("Title:").press_sequentially("Policy Probe")
    expect(page.locator("#id_slug")).to_have_value("policy-probe")  # the admin's prepopulate script ran
    seen["add form"] = violations(page)

    page.goto("/admin/terms/term/")
    page.get_by_role("link", name="API", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/terms/term/\d+/change/$"))
    editor = page.locator("textarea.markdownx-editor[name=body]")
    preview = page.locator(".markdownx-preview")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\n## Policy Heading\n\nTyped under the policy.")
    expect(preview.get_by_role("heading", level=2, name="Policy Heading")).to_be_visible(timeout=10_000)
    seen["typing and preview"] = violations(page)

    # Drop an image on the editor, as an editor dragging a file from the desktop does.
    page.evaluate(
        """(data) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const file = new File([bytes], "drawing.png", { type: "image/png" });
          const transfer = new DataTransfer();
          transfer.items.add(file);
          const editor = document.querySelector("textarea.markdownx-editor[name=body]");
          editor.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        png_base64(),
    )
    expect(editor).to_have_value(
        re.compile(r"!\[Describe this image\]\(/media/uploads/[0-9a-f]{32}-12x\d+\.png\)")
    )
    # The toolbar selects the image's alt placeholder, and the long line wraps, so End
    # would stop inside it: type at the very end of the text instead.
    editor.press("Control+End")
    page.keyboard.type(" ")  # markdownx previews on input
    image = preview.locator("img[src^='/media/uploads/']")
    expect(image).to_have_count(1, timeout=10_000)
    page.wait_for_function(
        "() => { const img = document.querySelector('.markdownx-preview img'); "
        "return img && img.complete && img.naturalWidth === 12; }"
    )
    seen["image upload"] = violations(page)

    page.goto("/admin/axes/accessattempt/")
    expect(page.locator("#content")).to_be_visible()
    seen["axes"] = violations(page)

    assert {where: found for where, found in seen.items() if found} == {}


# --- Oversized requests against the real gunicorn node ------------------------------


def raw_request(site_server, method, path, headers=None, body=b""):
    host, port = site_server.base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=15)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        # A large body is only begun: the server answers before reading it, as it should.
        connection.endheaders(body[:65536] or None)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_an_over_long_query_string_is_a_414(site_server):
    status, _ = raw_request(site_server, "GET", "/search/?q=" + "a" * 5000)
    assert status == 414


def test_too_many_or_too_large_headers_are_refused_with_a_4xx(site_server):
    many = {f"X-Filler-{n}": "x" for n in range(150)}
    assert raw_request(site_server, "GET", "/", headers=many)[0] in {400, 431}
    # 431 Request Header Fields Too Large
    assert raw_request(site_server, "GET", "/", headers={"X-Big": "x" * 9000})[0] in {400, 431}


def test_a_body_over_the_limit_is_a_413_with_a_clear_message(site_server):
    body = b"username=" + b"x" * (7 * 1024 * 1024)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(body))}
    status, text = raw_request(site_server, "POST", "/admin/login/", headers=headers, body=body)
    assert status == 413
    assert "larger than 6 MB" in text


def test_form_fields_over_djangos_limit_are_a_400_not_a_500(site_server):
    client = Browserless()
    client.request(site_server.url("/admin/login/"))
    token = client.cookie("csrftoken")
    body = f"csrfmiddlewaretoken={token}&username=".encode() + b"x" * (3 * 1024 * 1024)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": str(len(body)),
        "Cookie": f"csrftoken={token}",
    }
    status, _ = raw_request(site_server, "POST", "/admin/login/", headers=headers, body=body)
    assert status == 400
