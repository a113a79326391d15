"""Responsive images in a real browser: a phone picks a small WebP version.

Black-box against the shared `site_server` and its real worker: an editor uploads a
2,000 px image and saves a draft term showing it; the worker makes the WebP versions
and renders the body again; a 390 px phone (at 2x) chooses one no wider than 960 px.
The term stays a draft, seen through the staff preview, so no public page changes."""

import base64
import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SLUG = "responsive-image-check"


def wide_png():
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (30, 110, 190)).save(buffer, format="PNG")
    return buffer.getvalue()


def log_in(page, site_server):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(site_server.username)
    page.get_by_label("Password").fill(site_server.password)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("button", name="Log out").or_(page.get_by_role("link", name="Log out"))
    ).to_be_visible()


def upload(page):
    """POST the image to the editor's upload endpoint as the markdownx widget does."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    data = base64.b64encode(wide_png()).decode()
    return page.evaluate(
        """async ([data, token]) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const form = new FormData();
          form.append("image", new File([bytes], "wide.png", { type: "image/png" }));
          const response = await fetch("/markdownx/upload/", {
            method: "POST", body: form, headers: { "X-CSRFToken": token },
          });
          return (await response.json()).image_code;
        }""",
        [data, token],
    )


def test_a_phone_gets_a_webp_version_no_wider_than_960_px(new_page, site_server):
    editor = new_page()
    log_in(editor, site_server)
    code = upload(editor)
    assert re.fullmatch(r"!\[Describe this image\]\(/media/uploads/[0-9a-f]{32}-2000x1000\.png\)", code)
    editor.goto("/admin/terms/term/add/")
    editor.get_by_label("Title").fill("Responsive Image Check")
    editor.get_by_label("Title").press("Tab")  # the admin fills the slug in on leaving the title
    editor.locator("input[name=slug]").fill(SLUG)
    editor.locator("textarea[name=body]").fill(
        "A wide picture.\n\n" + code.replace("Describe this image", "Blue")
    )
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("added successfully")

    # The worker makes the versions and renders the body again; the preview shows them.
    # A worker on a machine busy with the rest of the suite may take a while: up to 60 s.
    draft = f"/glossary/{SLUG}/"
    for _ in range(120):
        editor.goto(draft)
        if editor.locator(".prose picture source[type='image/webp']").count():
            break
        editor.wait_for_timeout(500)
    expect(editor.locator(".prose picture source[type='image/webp']")).to_have_count(1)

    phone = new_page(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        storage_state=editor.context.storage_state(),
    )
    phone.goto(draft)
    image = phone.locator(".prose picture img")
    image.scroll_into_view_if_needed()
    phone.wait_for_function(
        "() => { const img = document.querySelector('.prose picture img'); "
        "return img && img.complete && img.naturalWidth > 0; }"
    )
    chosen = image.evaluate("img => ({ src: img.currentSrc, width: img.naturalWidth })")
    assert re.search(r"/media/versions/uploads/[0-9a-f]{32}-2000x1000-(\d+)w\.webp$", chosen["src"]), chosen
    assert chosen["width"] <= 960, chosen
    # Its place was kept while it loaded: the original's width and height are on the <img>.
    assert image.evaluate("img => [img.getAttribute('width'), img.getAttribute('height')]") == [
        "2000",
        "1000",
    ]
