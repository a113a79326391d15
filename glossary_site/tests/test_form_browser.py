"""The item form as an editor sees it in a real browser: Save in view without
scrolling at a laptop's and a phone's size, a scheduled change shown, amended and
cancelled on the form, and the change list's state badges and Schedule date.

This module runs its own server with one member of the "Editors" group."""

import re
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, manage, site_env

pytestmark = pytest.mark.browser

LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
MAKE_EDITOR = """
from django.contrib.auth.models import Group, User
user = User.objects.create_user("erin", "erin@example.com", "{password}", is_staff=True)
user.groups.add(Group.objects.get(name="Editors"))
"""
FORMS = {
    "term add": "/admin/terms/term/add/",
    "term change": "/admin/terms/term/",
    "article add": "/admin/articles/article/add/",
    "article change": "/admin/articles/article/",
}


@pytest.fixture(scope="module")
def form_server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("form")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp))
    manage(env, "shell", "-c", MAKE_EDITOR.replace("{password}", password))
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server, password
    finally:
        server.stop()


@pytest.fixture
def editor_at(browser, form_server, sign_in):
    """A logged-in editor's page at a viewport size."""
    server, password = form_server
    contexts = []

    def open_at(viewport, **options):
        context = browser.new_context(base_url=server.base_url, viewport=viewport, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return sign_in(context.new_page(), server.base_url, "erin", password)

    yield open_at
    for context in contexts:
        context.close()


def open_form(page, which):
    page.goto(FORMS[which])
    if which.endswith("change"):
        page.locator("#result_list tbody tr th a").first.click()
        expect(page).to_have_url(re.compile(r"/change/$"))
    return page


def open_term(page, title):
    page.goto("/admin/terms/term/")
    page.locator("#result_list").get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/terms/term/\d+/change/$"))


def in_view(page, locator):
    """Whether the whole of the element lies inside the window as it is scrolled now."""
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and 0 <= box["y"]
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and (box["x"] + box["width"] <= size["width"])
    )


def serious_violations(page):
    found = Axe().run(page).response["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
@pytest.mark.parametrize("which", list(FORMS))
def test_save_is_in_view_without_scrolling_and_after_scrolling(editor_at, viewport, which):
    page = open_form(editor_at(viewport), which)
    save = page.get_by_role("button", name="Save", exact=True)

    assert page.evaluate("window.scrollY") == 0
    assert in_view(page, save), save.bounding_box()
    page.get_by_label("Title:").focus()
    assert page.evaluate("document.documentElement.scrollHeight") > viewport["height"], (
        "a form taller than the window"
    )
    page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    assert page.evaluate("window.scrollY") > 0
    assert in_view(page, save)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (
        "nothing wider than the window"
    )


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
@pytest.mark.parametrize("which", list(FORMS))
def test_the_forms_have_no_serious_axe_finding(editor_at, viewport, which):
    page = open_form(editor_at(viewport), which)

    assert serious_violations(page) == []


def test_the_summary_shows_whole_and_the_technical_panels_are_folded(editor_at):
    page = editor_at(LAPTOP)
    open_term(page, "Webhook")

    summary = page.get_by_label("Summary:")
    assert page.evaluate("s => s.scrollHeight <= s.clientHeight", summary.element_handle())
    assert summary.bounding_box()["width"] >= 500
    linking = page.locator("details", has_text="Linking rules:")
    expect(linking.get_by_label("Never link in these phrases:")).to_be_hidden()
    linking.locator("summary").click()
    expect(linking.get_by_label("Never link in these phrases:")).to_be_visible()
    expect(page.locator("[name=take_over_slug]")).to_be_hidden()


def test_a_scheduled_edit_is_shown_amended_and_cancelled_on_the_form(editor_at):
    page = editor_at(LAPTOP)
    open_term(page, "Caching")
    live_body = page.locator("textarea[name=body]").input_value()
    due = datetime.now(UTC) + timedelta(days=2)
    page.locator("textarea[name=body]").fill("## Caching\n\nThe version of the day after tomorrow.")
    page.locator("input[name=change_at_0]").fill(due.strftime("%Y-%m-%d"))
    page.locator("input[name=change_at_1]").fill("14:00:00")
    page.get_by_role("button", name="Save and continue editing").click()

    messages = page.locator(".messagelist li")
    expect(messages).to_have_count(1)
    expect(messages).to_have_text(re.compile(r"stays as it is on the site until \d+ \w+ \d{4}, 14:00 UTC"))
    banner = page.get_by_role("region", name=re.compile(r"^Change scheduled for .*14:00 UTC$"))
    expect(banner).to_contain_text("Live now")
    expect(page.locator("textarea[name=body]")).to_have_value(
        "## Caching\n\nThe version of the day after tomorrow."
    )

    page.locator("textarea[name=body]").fill("## Caching\n\nThe amended version.")
    page.locator("input[name=change_at_1]").fill("16:30:00")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(messages).to_have_count(1)
    expect(messages).to_have_text(
        re.compile(r"The scheduled change of “Caching” was updated: .* 16:30 UTC\.")
    )
    expect(page.locator("textarea[name=body]")).to_have_value("## Caching\n\nThe amended version.")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Cancel the scheduled change").click()
    expect(messages).to_have_count(1)
    expect(messages).to_contain_text("The scheduled change was cancelled")
    expect(page.locator(".scheduled-banner")).to_have_count(0)
    expect(page.locator("textarea[name=body]")).to_have_value(live_body)


def scheduled_change_of(page, title, hour):
    open_term(page, title)
    due = datetime.now(UTC) + timedelta(days=3)
    page.locator("textarea[name=body]").fill(f"## {title}\n\nA later version.")
    page.locator("input[name=change_at_0]").fill(due.strftime("%Y-%m-%d"))
    page.locator("input[name=change_at_1]").fill(hour)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/terms/term/(\?.*)?$"))


def contrast(page, badge):
    """The text's contrast ratio against the badge's own background (WCAG's formula)."""
    return page.evaluate(
        """badge => {
            const channels = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const luminance = (rgb) => {
                const [r, g, b] = rgb.map((c) => {
                    const v = c / 255;
                    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const style = getComputedStyle(badge);
            const [light, dark] = [luminance(channels(style.color)), luminance(channels(style.backgroundColor))]
                .sort((a, b) => b - a);
            return (light + 0.05) / (dark + 0.05);
        }""",
        badge.element_handle(),
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_change_lists_badges_wrap_and_scheduled_has_its_own_colour(editor_at, scheme):
    page = editor_at(LAPTOP, color_scheme=scheme)
    scheduled_change_of(page, "Ledger", "09:15:00")

    row = page.locator("#result_list tr", has_text="Ledger")
    changed = row.locator(".status-badge")
    expect(changed).to_have_text(re.compile(r"^Published · change scheduled for .* UTC$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"], "no column off the edge"
    assert in_view(page, page.locator("#result_list thead th", has_text="Public"))
    one_line = page.locator("#result_list .status-badge.status-published").first
    assert changed.bounding_box()["height"] > 1.5 * one_line.bounding_box()["height"], "the long badge wraps"
    published_colour = one_line.evaluate("b => getComputedStyle(b).backgroundColor")
    assert changed.evaluate("b => getComputedStyle(b).backgroundColor") != published_colour
    for badge in (changed, one_line):
        assert contrast(page, badge) >= 4.5


def test_the_schedule_date_shows_only_with_the_schedule_action(editor_at):
    page = editor_at(LAPTOP)
    page.goto("/admin/terms/term/")
    moment = page.locator("input[name=publish_at]")

    expect(moment).to_be_hidden()
    page.locator("select[name=action]").select_option("schedule")
    expect(moment).to_be_visible()
    page.locator("select[name=action]").select_option("publish")
    expect(moment).to_be_hidden()
