"""Import and export in the admin, in a real browser against a real gunicorn and a
real background worker: download the export, upload a changed copy, read the dry
run, apply it and watch it finish, at a desktop and a phone's width; and the
review link page's Copy button.

The module runs its own server: its imports change content other modules read."""

import io
import re
import secrets
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, Worker, manage, site_env

pytestmark = pytest.mark.browser

SETUP = """
from django.contrib.auth.models import Group, Permission, User
User.objects.create_superuser("ada", "ada@example.com", "{password}")
mover = User.objects.create_user("mo", "mo@example.com", "{password}", is_staff=True)
# Moves content in and out, and may publish the terms an import brings live.
mover.user_permissions.add(*Permission.objects.filter(codename__in=["transfer_content", "publish_term"]))
editor = User.objects.create_user("ed", "ed@example.com", "{password}", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
from terms.models import Term
Term.objects.create(
    title="Settlement window", slug="settlement-window", status="draft",
    summary="When a payment becomes final.", body="## Draft\\n\\nOnly reviewers read this yet.",
)
"""
NEW_TERM = """---
kind: term
title: {title}
slug: {slug}
summary: Imported in the browser test.
status: published
published_at: '2024-03-19T12:00:00+00:00'
related: []
---
## What it is

{title} arrived by import.
"""
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def transfer_server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("transfer")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp))
    manage(env, "shell", "-c", SETUP.replace("{password}", password))
    server = Gunicorn(env, tmp / "gunicorn.log")
    worker = Worker(env, tmp / "worker.log")  # Apply is carried out by it
    try:
        yield server, password
    finally:
        worker.stop()
        server.stop()


@pytest.fixture
def log_in(browser, transfer_server):
    server, password = transfer_server
    contexts = []

    def as_user(username, **options):
        context = browser.new_context(base_url=server.base_url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        return page

    yield as_user
    for context in contexts:
        context.close()


def serious_violations(page):
    found = Axe().run(page).response["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def fits(page):
    """Nothing wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def changed_copy(export, suffix):
    """The downloaded export with one summary changed and two new terms added."""
    source = zipfile.ZipFile(io.BytesIO(export))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in source.namelist():
            data = source.read(name)
            if name == "terms/yaml.md":
                data = re.sub(rb"(?m)^summary: .*$", f"summary: Changed on the {suffix}.".encode(), data)
            copy.writestr(name, data)
        for n in (1, 2):
            title, slug = f"Imported {suffix} {n}", f"imported-{suffix}-{n}"
            copy.writestr(f"terms/{slug}.md", NEW_TERM.format(title=title, slug=slug))
    return buffer.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_exports_then_imports_a_changed_copy_through_the_dry_run(log_in, tmp_path, width):
    page = log_in("mo", viewport=WIDTHS[width])
    page.goto("/admin/transfer/")
    expect(page.get_by_role("heading", name="Import and export")).to_be_visible()
    assert serious_violations(page) == [] and fits(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the export (.zip)").click()
    export = download.value
    assert re.fullmatch(r"\w+-export-[\d-]+\.zip", export.suggested_filename)
    upload = tmp_path / "changed.zip"
    upload.write_bytes(changed_copy(export.path().read_bytes(), width))

    page.get_by_label("File to import").set_input_files(upload)
    page.get_by_role("button", name="Check the file").click()

    status = page.locator("#import-status")
    expect(status.get_by_role("heading")).to_have_text(
        re.compile(r"^Dry run: 2 to create, 1 to change, \d+ unchanged$")
    )
    created = page.get_by_role("region", name="To create (2)")
    expect(created.get_by_role("listitem")).to_have_text(
        [f"terms/imported-{width}-1.md Imported {width} 1", f"terms/imported-{width}-2.md Imported {width} 2"]
    )
    expect(page.get_by_role("region", name="To change (1)")).to_contain_text("terms/yaml.md YAML (summary)")
    assert serious_violations(page) == [] and fits(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Apply this import").click()
    followed = page.locator("#import-status[data-poll]").count() == 1  # else the worker was done first
    # The worker applies it; the page follows without being reloaded.
    expect(status.get_by_role("heading")).to_have_text(
        re.compile(r"^Imported: 2 created, 1 changed, \d+ unchanged\.$"), timeout=30_000
    )
    if followed:
        expect(page.locator("#import-announce")).to_have_text(re.compile("^Imported: 2 created"))
    expect(page.get_by_role("region", name="Created (2)")).to_be_visible()
    assert serious_violations(page) == [] and fits(page)

    page.goto(f"/glossary/imported-{width}-1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Imported {width} 1")


def test_a_bad_file_is_shown_by_file_and_line_and_cannot_be_applied(log_in, tmp_path):
    page = log_in("ada")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as made:
        made.writestr("terms/broken.md", NEW_TERM.format(title="''", slug="broken"))
    page.goto("/admin/transfer/")
    page.get_by_label("File to import").set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()

    expect(page.locator("#import-status").get_by_role("heading")).to_have_text(
        "Nothing was imported: the file has 1 problem"
    )
    expect(page.locator(".transfer-problems li")).to_have_text(["terms/broken.md:3: missing title"])
    expect(page.get_by_role("button", name="Apply this import")).to_have_count(0)
    assert serious_violations(page) == []


def test_an_editor_without_the_permission_is_refused(log_in):
    page = log_in("ed")
    assert page.goto("/admin/transfer/").status == 403


def test_the_review_link_is_copied_with_one_press_and_says_so(log_in, transfer_server):
    page = log_in("ed", permissions=["clipboard-read", "clipboard-write"])
    page.goto("/admin/terms/term/")
    page.get_by_role("link", name="Settlement window", exact=True).click()
    page.get_by_role("button", name="Make a review link").click()
    address = page.get_by_label("Review link").input_value()

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator("#review-copy-status")).to_have_text("Copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert serious_violations(page) == []
