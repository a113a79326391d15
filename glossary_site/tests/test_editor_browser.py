"""The body editor as an editor uses it, in Chromium at 1280 and 390 px: the toolbar
and its shortcuts, Tab leaving the text box (no keyboard trap), and images picked,
dropped or pasted, where a refused file shows the server's words and leaves the text
exactly as it was (static/js/admin-toolbar.js).

This module runs its own server, so the terms it saves show in no other test's lists."""

import io
import re
import secrets

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from glossary_site.markup.uploads import NOT_AN_IMAGE
from glossary_site.testing.servers import Gunicorn, manage, site_env

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
BODY = "textarea.markdownx-editor[name=body]"
TEXT = "Intro line.\n## States\nA word before the end."


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("editor")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp), DJANGO_SUPERUSER_PASSWORD=password)
    manage(env, "createsuperuser", "--noinput", "--username", "writer", "--email", "writer@example.com")
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server, password
    finally:
        server.stop()


@pytest.fixture
def open_editor(browser, editor_server, sign_in):
    """A logged-in page on the term add form at the given viewport; returns (page, body)."""
    server, password = editor_server
    contexts = []

    def open_at(viewport=DESKTOP, path="/admin/terms/term/add/"):
        context = browser.new_context(base_url=server.base_url, viewport=viewport)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = sign_in(context.new_page(), server.base_url, "writer", password, path)
        body = page.locator(BODY)
        expect(page.get_by_role("toolbar", name="Format the body")).to_be_visible()
        return page, body

    yield open_at
    for context in contexts:
        context.close()


def focused(page):
    """What has focus, as "tag name type" (for the test's messages and checks)."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return [e.tagName.toLowerCase(), e.name || e.textContent.trim(), e.type || ''].join(' '); }"
    )


def tab_until(page, check, limit=150, key="Tab"):
    """Press Tab until check(page) holds; fail after limit presses."""
    for _ in range(limit):
        if check(page):
            return
        page.keyboard.press(key)
    assert check(page), f"{key} {limit} times never got there; focus is on {focused(page)!r}"


def has_focus(locator):
    return lambda page: locator.evaluate("element => element === document.activeElement")


def png_bytes(size=(12, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def serious_violations(page, context):
    found = Axe().run(page, context=context).response["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def put_caret(body, text, at):
    body.fill(text)
    body.evaluate("(box, at) => box.setSelectionRange(at, at)", at)


# --- the keyboard journey ------------------------------------------------------


@WIDTHS
def test_a_term_is_written_and_saved_by_keyboard_alone(open_editor, viewport):
    page, body = open_editor(viewport)
    title = f"Keyboard term {viewport['width']}"
    tab_until(page, has_focus(page.locator("#id_title")))
    page.keyboard.type(title)
    tab_until(page, has_focus(page.locator("#id_summary")))
    page.keyboard.type("Written without a mouse.")

    # The toolbar is one Tab stop before the text box; its first button is Heading.
    heading = page.get_by_role("button", name="Heading")
    tab_until(page, has_focus(heading))
    page.keyboard.press("Enter")
    expect(body).to_be_focused()
    page.keyboard.type("Why it matters")  # over the selected placeholder
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Keys only, from the first field to Save.")

    # Tab leaves the text box, and changes nothing in it.
    typed = body.input_value()
    page.keyboard.press("Shift+Tab")
    expect(heading).to_be_focused()
    page.keyboard.press("Tab")
    expect(body).to_be_focused()
    page.keyboard.press("Tab")
    expect(body).not_to_be_focused()
    assert body.input_value() == typed

    # Wherever the form puts Save, Tab reaches it.
    tab_until(page, lambda page: page.evaluate("() => document.activeElement.name === '_save'"))
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/admin/terms/term/")
    page.get_by_role("link", name=title, exact=True).click()
    saved = page.locator(BODY).input_value().replace("\r\n", "\n")
    assert saved == "## Why it matters\n\nKeys only, from the first field to Save."


def test_shortcuts_format_the_selection_and_undo_takes_them_back(open_editor):
    page, body = open_editor()
    body.fill("make this bold")
    body.evaluate("box => box.setSelectionRange(10, 14)")
    page.keyboard.press("Control+b")
    assert body.input_value() == "make this **bold**"
    page.keyboard.press("Control+z")
    assert body.input_value() == "make this bold"

    body.evaluate("box => box.setSelectionRange(0, 0)")
    page.keyboard.press("Control+Shift+h")
    assert body.input_value() == "## make this bold"
    page.keyboard.press("Control+]")
    assert body.input_value() == "    ## make this bold"
    page.keyboard.press("Control+[")
    assert body.input_value() == "## make this bold"


def test_every_tool_is_a_button_with_a_name_and_its_shortcut(open_editor):
    page, _ = open_editor()
    toolbar = page.get_by_role("toolbar", name="Format the body")
    names = [
        "Heading",
        "Bold",
        "Italic",
        "Link",
        "List",
        "Code",
        "Indent",
        "Outdent",
        "Insert image",
        "Link a term",
    ]
    for name in names:
        button = toolbar.get_by_role("button", name=name, exact=True)
        expect(button).to_have_attribute("type", "button")
        expect(button).to_have_attribute("aria-keyshortcuts", re.compile(r"^Control\+"))
        expect(button).to_have_attribute("title", re.compile(rf"^{name} \(Ctrl\+"))
    expect(toolbar.get_by_role("button", name="Link", exact=True)).to_have_attribute(
        "aria-keyshortcuts", "Control+K"
    )


@WIDTHS
def test_the_toolbar_fits_the_screen_and_has_no_serious_accessibility_finding(open_editor, viewport):
    page, _ = open_editor(viewport)
    for button in page.get_by_role("toolbar", name="Format the body").get_by_role("button").all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], button.text_content()
    assert serious_violations(page, ".editor-bar") == []
    page.get_by_role("button", name="Link a term").click()
    expect(page.get_by_role("dialog", name="Link a term")).to_be_visible()
    assert serious_violations(page, ".editor-dialog") == []


# --- images ----------------------------------------------------------------------


def drop_or_paste(body, how, *files):
    """Drop or paste files given as (name, bytes as a list of ints, type)."""
    body.evaluate(
        """(box, [how, given]) => {
          const files = new DataTransfer();
          for (const [name, content, mime] of given) {
            files.items.add(new File([new Uint8Array(content)], name, { type: mime }));
          }
          const event = how === "drop"
            ? new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true })
            : new ClipboardEvent("paste", { clipboardData: files, bubbles: true, cancelable: true });
          box.dispatchEvent(event);
        }""",
        [how, [[name, list(content), mime] for name, content, mime in files]],
    )


def expect_refusal_beside_the_editor(page, body):
    status = page.locator(".markdownx [role=status]")
    expect(status).to_contain_text(NOT_AN_IMAGE)
    expect(status).to_contain_text("The text was not changed.")
    # Beside the editor: in its widget, above the text box, on the screen with it.
    status_box, body_box = status.bounding_box(), body.bounding_box()
    assert 0 <= body_box["y"] - (status_box["y"] + status_box["height"]) < 200
    expect(page.locator(".markdownx-preview")).not_to_contain_text("Invalid response")


@WIDTHS
@pytest.mark.parametrize("how", ["drop", "paste"])
def test_a_refused_file_dropped_or_pasted_leaves_the_text_unchanged(open_editor, viewport, how):
    page, body = open_editor(viewport)
    put_caret(body, TEXT, TEXT.index("## States"))
    drop_or_paste(body, how, ("notes.txt", b"not an image at all", "text/plain"))
    expect_refusal_beside_the_editor(page, body)
    assert body.input_value() == TEXT


def test_an_image_and_a_non_image_dropped_together_each_get_their_answer(open_editor):
    page, body = open_editor()
    put_caret(body, TEXT, len(TEXT))
    drop_or_paste(
        body, "drop", ("notes.pdf", b"%PDF-1.4", "application/pdf"), ("dot.png", png_bytes(), "image/png")
    )
    status = page.locator(".markdownx [role=status]")
    expect(status).to_contain_text("dot.png was added")
    expect(status).to_contain_text(f"notes.pdf was not added: {NOT_AN_IMAGE}")
    assert re.fullmatch(
        re.escape(TEXT) + r"\n\n!\[Describe this image\]\(/media/uploads/[0-9a-f]{32}-12x8\.png\)",
        body.input_value(),
    )


@WIDTHS
def test_a_refused_file_picked_through_insert_image_leaves_the_text_unchanged(open_editor, viewport):
    page, body = open_editor(viewport)
    put_caret(body, TEXT, TEXT.index("## States"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Insert image").click()
    assert chooser.value.element.get_attribute("accept") == "image/*"
    chooser.value.set_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"<html>not a png</html>"}
    )
    expect_refusal_beside_the_editor(page, body)
    assert body.input_value() == TEXT


@WIDTHS
def test_a_picked_image_goes_in_as_its_own_paragraph_with_its_description_to_write(open_editor, viewport):
    page, body = open_editor(viewport)
    put_caret(body, TEXT, TEXT.index("## States"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Insert image").click()
    chooser.value.set_files({"name": "square.png", "mimeType": "image/png", "buffer": png_bytes()})
    expect(page.locator(".markdownx [role=status]")).to_contain_text("square.png was added")
    expect(body).to_be_focused()
    page.keyboard.type("A red rectangle")  # the placeholder is selected
    assert re.fullmatch(
        r"Intro line\.\n\n!\[A red rectangle\]\(/media/uploads/[0-9a-f]{32}-12x8\.png\)\n\n## States\nA word before the end\.",
        body.input_value(),
    )
    expect(page.locator(".markdownx-preview img[alt='A red rectangle']")).to_be_visible()


# --- "Link a term" ----------------------------------------------------------------


def test_link_a_term_checks_the_term_and_links_its_address(open_editor):
    page, body = open_editor()
    body.fill("See the webhook page.")
    body.evaluate("box => box.setSelectionRange(8, 15)")
    page.keyboard.press("Control+Shift+l")
    dialog = page.get_by_role("dialog", name="Link a term")
    expect(dialog.get_by_label("Term")).to_be_focused()

    dialog.get_by_label("Term").fill("No such term here")
    dialog.get_by_role("button", name="Insert link").click()
    expect(dialog.get_by_role("alert")).to_contain_text(
        "No term has the address /glossary/no-such-term-here/"
    )
    assert body.input_value() == "See the webhook page."

    dialog.get_by_label("Term").fill("Webhook")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    assert body.input_value() == "See the [webhook](/glossary/webhook/) page."


def test_escape_closes_the_term_dialog_and_returns_to_the_text(open_editor):
    page, body = open_editor()
    body.fill("Text.")
    page.get_by_role("button", name="Link a term").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Link a term")).to_be_hidden()
    expect(body).to_be_focused()
    assert body.input_value() == "Text."
