"""Review links in a real browser against a real gunicorn: an editor of the
"Editors" group makes the link in the admin, someone logged out opens it and sees
the draft, and the link stops working when it expires or is revoked."""

import re
import secrets

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, manage, shell, site_env

pytestmark = pytest.mark.browser

SETUP = """
from django.contrib.auth.models import Group, User
user = User.objects.create_user("rita", "rita@example.com", "{password}", is_staff=True)
user.groups.add(Group.objects.get(name="Editors"))
from terms.models import Term
for n in (1, 2):
    Term.objects.create(
        title=f"Settlement window {n}", slug=f"settlement-window-{n}", status="draft",
        summary="When a payment becomes final.", body="## Draft\\n\\nOnly reviewers read this yet.",
    )
"""


@pytest.fixture(scope="module")
def review_server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("review")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp))
    manage(env, "shell", "-c", SETUP.replace("{password}", password))
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server, env, password
    finally:
        server.stop()


@pytest.fixture
def contexts(browser, review_server):
    server = review_server[0]
    made = []

    def new():
        context = browser.new_context(base_url=server.base_url)
        context.set_default_timeout(10_000)
        made.append(context)
        return context.new_page()

    yield new
    for context in made:
        context.close()


@pytest.fixture
def editor_page(contexts, review_server):
    page = contexts()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(review_server[2])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


def serious_violations(page):
    found = Axe().run(page).response["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def make_review_link(editor_page, title):
    editor_page.goto("/admin/terms/term/")
    editor_page.get_by_role("link", name=title, exact=True).click()
    editor_page.get_by_role("button", name="Make a review link").click()
    address = editor_page.get_by_label("Review link")
    expect(address).to_have_value(re.compile(r"/review/[\w-]{40,}/$"))
    return address.input_value()


def test_a_logged_out_reader_sees_the_draft_until_the_link_expires(editor_page, contexts, review_server):
    address = make_review_link(editor_page, "Settlement window 1")
    assert "/review/" in address
    assert serious_violations(editor_page) == []

    reader = contexts()  # no cookies: not logged in
    response = reader.goto(address)
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    assert response.headers["x-robots-tag"] == "noindex"
    expect(reader.get_by_role("heading", level=1)).to_have_text("Settlement window 1")
    expect(reader.locator(".draft-banner")).to_contain_text("Preview — not public.")
    expect(reader.locator(".prose")).to_contain_text("Only reviewers read this yet.")
    expect(reader.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    assert serious_violations(reader) == []

    # Time passes: the link's expiry is moved into the past in the database.
    shell(
        review_server[1],
        "from datetime import timedelta; from django.utils import timezone; "
        "from glossary_site.editorial.models import ReviewLink; "
        "ReviewLink.objects.filter(title='Settlement window 1')"
        ".update(expires_at=timezone.now() - timedelta(minutes=1))",
    )
    assert reader.goto(address).status == 404


def test_an_editor_revokes_a_link_in_the_admin_and_it_answers_404(editor_page, contexts):
    address = make_review_link(editor_page, "Settlement window 2")
    reader = contexts()
    assert reader.goto(address).status == 200

    editor_page.goto("/admin/glossary_site/reviewlink/")
    row = editor_page.locator("#result_list tbody tr", has_text="Settlement window 2")
    expect(row).to_contain_text("Active")
    assert serious_violations(editor_page) == []
    row.locator("input.action-select").check()
    editor_page.get_by_role("combobox", name="Action").select_option(label="Revoke selected review links now")
    editor_page.get_by_role("button", name="Run").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("1 review link(s) revoked")
    expect(row).to_contain_text("Revoked")

    assert reader.goto(address).status == 404
