"""Editors in a real browser against a real gunicorn: an edit conflict between two
editors, restoring a revision, the writing help and the unsaved-changes guard.

This module runs its own server with two accounts of the "Editors" group (not
superusers), so it also proves that the group is enough for this daily work."""

import re
import secrets
import time
from datetime import UTC, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, manage, site_env

pytestmark = pytest.mark.browser

TERM = "Webhook"
MAKE_EDITORS = """
from django.contrib.auth.models import Group, User
editors = Group.objects.get(name="Editors")
for name in ("alice", "bob"):
    user = User.objects.create_user(name, f"{name}@example.com", "{password}", is_staff=True)
    user.groups.add(editors)
User.objects.create_superuser("carol", "carol@example.com", "{password}")
from terms.models import Term
Term.objects.get(slug="yaml").delete()  # its address answers 410 Gone: Slug redirects lists it
"""


@pytest.fixture(scope="module")
def editing_server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("editing")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp))
    manage(env, "shell", "-c", MAKE_EDITORS.replace("{password}", password))
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server, password
    finally:
        server.stop()


@pytest.fixture
def editor_page(browser, editing_server, sign_in):
    """A logged-in page for an editor, each in a browser context of its own."""
    server, password = editing_server
    contexts = []

    def open_as(username, width=None):
        viewport = {"width": width, "height": 844} if width else None
        context = browser.new_context(base_url=server.base_url, viewport=viewport)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return sign_in(context.new_page(), server.base_url, username, password)

    yield open_as
    for context in contexts:
        context.close()


def serious_violations(page, context=None):
    """axe's serious and critical findings on the page (or a part), as (rule, first targets)."""
    found = Axe().run(page, context=context).response["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def open_term(page, title=TERM):
    page.goto("/admin/terms/term/")
    page.get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/terms/term/\d+/change/$"))
    # The address changes when the new page starts to arrive; a busy machine may still
    # be parsing it, and a check of the form (axe) would find only part of it.
    page.wait_for_load_state("load")
    return page.locator("textarea.markdownx-editor[name=body]")


def type_at_end(page, editor, text):
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_two_editors_changing_different_fields_both_keep_their_change(editor_page):
    alice, bob = editor_page("alice"), editor_page("bob")
    open_term(alice, "Ledger")
    bob_editor = open_term(bob, "Ledger")

    alice.get_by_label("Summary").fill("Alice's new summary.")
    alice.get_by_role("button", name="Save", exact=True).click()
    expect(alice.locator(".messagelist")).to_contain_text("changed successfully")

    type_at_end(bob, bob_editor, "\n\nBob added this line.")
    bob.get_by_role("button", name="Save", exact=True).click()
    expect(bob.locator(".messagelist")).to_contain_text("Their changes to summary were kept")

    open_term(bob, "Ledger")
    expect(bob.get_by_label("Summary")).to_have_value("Alice's new summary.")
    assert bob.locator("textarea.markdownx-editor[name=body]").input_value().endswith("Bob added this line.")


def test_two_editors_changing_the_body_the_second_settles_the_merge_first(editor_page):
    alice, bob = editor_page("alice"), editor_page("bob")
    alice_editor, bob_editor = open_term(alice), open_term(bob)

    type_at_end(alice, alice_editor, "\n\nAlice added this line.")
    alice.get_by_role("button", name="Save", exact=True).click()
    expect(alice.locator(".messagelist")).to_contain_text("changed successfully")

    type_at_end(bob, bob_editor, "\n\nBob wrote this instead.")
    bob.get_by_role("button", name="Save", exact=True).click()

    expect(bob.locator(".errornote")).to_be_visible()
    expect(bob.locator(".errorlist").first).to_contain_text("you both changed: body")
    conflict = bob.get_by_role("region", name="Saved by someone else while you were editing")
    expect(conflict).to_contain_text("alice saved")
    body_choice = conflict.get_by_role("group", name="Body: you both changed it")
    expect(body_choice.locator("pre").first).to_contain_text("Bob wrote this instead.")
    expect(body_choice.locator("pre").last).to_contain_text("Alice added this line.")
    # The stock change form has axe findings of its own (Django's inline tables, select2);
    # what this site adds to it is held to none.
    assert serious_violations(bob, ".edit-conflict") == []
    body = bob.locator("textarea.markdownx-editor[name=body]")
    merged = body.input_value().replace("\r\n", "\n")
    assert (
        "<<<<<<< Your text\nBob wrote this instead.\n=======\nAlice added this line.\n>>>>>>> Saved by alice"
        in merged
    )

    # Saving with the markers left is refused, and nothing is written.
    bob.get_by_role("button", name="Save", exact=True).click()
    expect(bob.locator(".errorlist", has_text="still has conflict markers")).to_be_visible()

    # Bob keeps both lines and deletes the markers: now it goes through.
    settled = re.sub(
        r"<<<<<<< Your text\n|=======\n|>>>>>>> Saved by alice", "", body.input_value().replace("\r\n", "\n")
    )
    body.fill(settled)
    bob.get_by_role("button", name="Save", exact=True).click()
    expect(bob.locator(".messagelist")).to_contain_text("changed successfully")
    expect(bob.locator(".edit-conflict")).to_have_count(0)
    saved = open_term(bob).input_value()
    assert "Bob wrote this instead.\nAlice added this line." in saved.replace("\r\n", "\n")


def test_editor_restores_an_earlier_revision_from_the_history(editor_page):
    page = editor_page("alice")
    editor = open_term(page, "Idempotency")
    original = editor.input_value()
    type_at_end(page, editor, "\n\nA mistaken paragraph.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    open_term(page, "Idempotency")
    page.get_by_role("link", name="History").click()
    rows = page.locator("tr.revision")
    expect(rows.first).to_contain_text("alice")
    rows.first.locator("summary").click()
    expect(rows.first.locator(".diff-added", has_text="A mistaken paragraph.")).to_be_visible()
    rows.nth(1).get_by_role("link").click()

    expect(page.locator(".diff-removed", has_text="A mistaken paragraph.")).to_be_visible()
    page.get_by_role("button", name="Restore this revision").click()

    expect(page.locator(".messagelist")).to_contain_text("Restored the revision of")
    restored = page.locator("textarea.markdownx-editor[name=body]")
    assert restored.input_value().replace("\r\n", "\n").strip() == original.replace("\r\n", "\n").strip()
    page.get_by_role("link", name="History").click()
    expect(page.locator("tr.revision").first).to_contain_text("Restored the revision of")


def test_editor_sees_counters_and_warnings_while_writing(editor_page):
    page = editor_page("alice")
    page.goto("/admin/terms/term/add/")
    help_box = page.locator(".editor-help")
    expect(help_box).to_contain_text("0 words · about 1 min read")
    expect(help_box).to_contain_text("The summary is empty")

    page.get_by_label("Summary").fill("x" * 170)
    editor = page.locator("textarea.markdownx-editor[name=body]")
    editor.fill(
        "Plain words here, see [a term](/glossary/backend-developer/) and [gone](/glossary/no-such-term/).\n\n![](/media/a.png)"
    )

    expect(help_box).to_contain_text("8 words · about 1 min read")
    warnings = help_box.locator(".editor-warnings li")
    expect(warnings.filter(has_text="The summary is 170 characters")).to_have_count(1)
    expect(warnings.filter(has_text="The body has no heading")).to_have_count(1)
    expect(warnings.filter(has_text="An image has no alt text")).to_have_count(1)
    expect(warnings.filter(has_text="/glossary/no-such-term/ leads nowhere")).to_have_count(1)
    expect(warnings.filter(has_text="backend-developer")).to_have_count(0)
    # markdownx's preview still works beside the help.
    expect(page.locator(".markdownx-preview")).to_contain_text("Plain words here")

    # The upload's placeholder alt text is no alt text; a real one clears the warning.
    editor.fill("## Chart\n\n![Describe this image](/media/uploads/a.png)")
    expect(warnings.filter(has_text="The body has no heading")).to_have_count(0)  # the check ran again
    expect(warnings.filter(has_text="An image has no alt text")).to_have_count(1)
    editor.fill("## Chart\n\n![Sales by month, rising](/media/uploads/a.png)")
    expect(warnings.filter(has_text="An image has no alt text")).to_have_count(0)


def test_leaving_with_unsaved_changes_asks_first_but_saving_does_not(editor_page):
    page = editor_page("bob")
    editor = open_term(page, "Idempotency")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    assert asked == []

    editor = open_term(page, "Idempotency")
    type_at_end(page, editor, " unsaved")
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked == ["beforeunload"]


def test_an_editor_sends_a_deleted_pages_readers_to_a_replacement(editor_page):
    page = editor_page("alice")
    page.goto("/admin/")
    page.get_by_role("link", name="Slug redirects").click()
    row = page.locator("#result_list tbody tr", has_text="/glossary/yaml/")
    expect(row.locator(".field-answer")).to_have_text("410 Gone (deleted)")
    assert serious_violations(page) == []

    row.get_by_role("textbox", name="Replacement for /glossary/yaml/").fill("/glossary/json/")
    page.get_by_role("button", name="Save").click()
    expect(row.locator(".field-answer")).to_have_text("301 to /glossary/json/ (replacement)")
    assert page.request.get("/glossary/yaml/", max_redirects=0).headers["location"] == "/glossary/json/"

    row.get_by_role("link", name="/glossary/yaml/").click()
    expect(page.get_by_label("Replacement")).to_have_value("/glossary/json/")
    assert serious_violations(page) == []


def test_a_scheduled_change_to_a_live_page_goes_public_at_its_time(editor_page, browser, editing_server):
    server, _ = editing_server
    page = editor_page("alice")
    editor = open_term(page, "Caching")
    editor.fill("## Caching\n\nThe version of tomorrow.")
    # Far enough ahead that a busy machine still reads the page before the change is
    # due; the reader looks right after the save, before the slower checks below.
    due = (datetime.now(UTC) + timedelta(seconds=15)).replace(microsecond=0)  # the server runs in UTC
    page.locator("input[name=change_at_0]").fill(due.strftime("%Y-%m-%d"))
    page.locator("input[name=change_at_1]").fill(due.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("stays as it is on the site until")
    reader = browser.new_context(base_url=server.base_url).new_page()
    try:
        assert reader.goto("/glossary/caching/").status == 200
        assert datetime.now(UTC) < due, "the page was read after the change was due: nothing was shown"
        expect(reader.locator(".prose")).not_to_contain_text("The version of tomorrow.", timeout=1000)
        expect(page.locator("#result_list tr", has_text="Caching").locator(".status-badge")).to_have_text(
            re.compile(r"^Published · change scheduled for ")
        )
        open_term(page, "Caching")
        assert serious_violations(page, ".module:has(#id_change_at_0)") == []
        time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()) + 0.5)
        assert reader.goto("/glossary/caching/").status == 200
        expect(reader.locator(".prose")).to_contain_text("The version of tomorrow.")
    finally:
        reader.context.close()


def test_an_administrator_merges_two_terms_after_seeing_what_changes(editor_page):
    page = editor_page("carol")
    page.goto("/admin/terms/term/")
    for title in ("Version Control", "Continuous Integration"):
        page.locator("#result_list tr", has_text=title).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Merge two selected terms into one")
    page.get_by_role("button", name="Run").click()

    expect(page.get_by_role("heading", name="Merge two terms")).to_be_visible()
    expect(page.get_by_role("region", name="Version Control")).to_contain_text(
        "Its addresses: /glossary/version-control/"
    )
    assert serious_violations(page) == []
    page.get_by_label("Keep “Continuous Integration”").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="“Version Control” will be deleted")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role(
        "button", name="Delete “Version Control” and merge it into “Continuous Integration”"
    ).click()

    expect(page.locator(".messagelist")).to_contain_text(
        "“Version Control” is merged into “Continuous Integration”"
    )
    response = page.request.get("/glossary/version-control/", max_redirects=0)
    assert (response.status, response.headers["location"]) == (301, "/glossary/continuous-integration/")


def test_editors_see_what_readers_did_not_find_and_add_it(editor_page, browser, editing_server):
    server, _ = editing_server
    agent = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
    )
    context = browser.new_context(base_url=server.base_url, user_agent=agent)
    try:
        reader = context.new_page()
        for _ in range(2):
            reader.goto("/search/?q=Quantum+sharding")
            expect(reader.locator(".search-summary")).to_contain_text("Nothing found")
    finally:
        context.close()

    page = editor_page("alice")
    page.goto("/admin/")
    panel = page.get_by_role("region", name="What readers looked for and did not find")
    row = panel.locator("tbody tr", has_text="quantum sharding")
    expect(row.locator("td").first).to_have_text("2")
    assert serious_violations(page) == []
    row.get_by_role("link", name="Add term “quantum sharding”").click()
    expect(page.get_by_label("Title:")).to_have_value("Quantum sharding")


def test_renaming_a_term_first_lists_the_pages_that_will_be_relinked(editor_page):
    page = editor_page("bob")
    open_term(page, "Docker")
    page.get_by_label("Title:").fill("Docker Engine")
    page.get_by_label("Slug:").fill("docker-engine")
    page.get_by_role("button", name="Save", exact=True).click()

    confirm = page.get_by_role("region", name="Rename “Docker” to “Docker Engine”?")
    expect(confirm).to_contain_text("/glossary/docker/ will answer 301 to /glossary/docker-engine/")
    expect(confirm.get_by_role("link", name="Kubernetes")).to_be_visible()
    assert serious_violations(page, ".edit-impact") == []
    assert page.request.get("/glossary/docker/", max_redirects=0).status == 200, "nothing saved yet"

    expect(page.locator(".errornote")).to_have_count(0)
    expect(confirm.get_by_label("Keep “Docker” as an alias")).to_be_checked()
    confirm.get_by_role("button", name="Yes, rename").click()
    expect(page.locator(".messagelist")).to_contain_text("“Docker” is kept as an alias of “Docker Engine”")
    response = page.request.get("/glossary/docker/", max_redirects=0)
    assert (response.status, response.headers["location"]) == (301, "/glossary/docker-engine/")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_rename_and_merge_confirmations_pass_axe_and_fit_at_both_widths(editor_page, width):
    """Nothing is confirmed here: the other tests of this module see the terms unchanged."""
    page = editor_page("carol", width=width)
    open_term(page, "Kubernetes")
    page.get_by_label("Title:").fill("Kubernetes Engine")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("region", name="Rename “Kubernetes” to “Kubernetes Engine”?")).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto("/admin/terms/term/")
    for title in ("JSON", "XML"):
        page.locator("#result_list tr", has_text=title).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Merge two selected terms into one")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", name="Merge two terms")).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile(r"will be deleted$"))).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_terms_page_says_where_it_is_used_and_passes_axe(editor_page):
    page = editor_page("alice")
    open_term(page, "Database")  # a term no other test here renames or deletes
    page.locator("summary", has_text="Where this term is used").click()  # folded under the form
    used = page.locator(".field-where_used")
    expect(used).to_contain_text("Its addresses: /glossary/database/")
    expect(used).to_contain_text("Linked automatically from")
    expect(used.get_by_role("link", name="Backend Developer").first).to_be_visible()
    assert serious_violations(page, ".field-where_used") == []
