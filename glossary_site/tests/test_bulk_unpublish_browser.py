"""The bulk "Unpublish" action in a real browser: an editor of the "Editors" group
selects a live term, sees what unpublishing it changes, and confirms."""

import secrets

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, manage, site_env

pytestmark = pytest.mark.browser

SETUP = """
from django.contrib.auth.models import Group, User
user = User.objects.create_user("uma", "uma@example.com", "{password}", is_staff=True)
user.groups.add(Group.objects.get(name="Editors"))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("unpublish")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp))
    manage(env, "shell", "-c", SETUP.replace("{password}", password))
    gunicorn = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield gunicorn, password
    finally:
        gunicorn.stop()


@pytest.fixture
def editor_page(browser, server):
    gunicorn, password = server
    context = browser.new_context(base_url=gunicorn.base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("uma")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    yield page
    context.close()


def test_bulk_unpublish_lists_the_effects_then_unpublishes_on_confirmation(editor_page):
    editor_page.goto("/admin/terms/term/?q=Docker")
    row = editor_page.locator("#result_list tbody tr", has_text="Docker").first
    row.locator("input.action-select").check()
    editor_page.get_by_role("combobox", name="Action").select_option(
        label="Unpublish selected items (back to draft)"
    )
    editor_page.get_by_role("button", name="Run").click()

    section = editor_page.get_by_role("region", name="Docker")
    expect(section).to_contain_text("/glossary/docker/ will answer 410 Gone")
    expect(section).to_contain_text("Pages unlinked automatically:")
    found = Axe().run(editor_page).response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []
    assert editor_page.request.get("/glossary/docker/").status == 200  # nothing changed yet

    editor_page.get_by_role("button", name="Yes, unpublish them").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("1 item(s) moved back to draft.")
    reader = editor_page.context.browser.new_context(base_url=editor_page.url.split("/admin")[0])
    try:
        assert reader.request.get("/glossary/docker/", max_redirects=0).status == 410
    finally:
        reader.close()
