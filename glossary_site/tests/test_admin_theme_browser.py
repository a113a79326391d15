"""The admin's colours in Chromium, light and dark: the title legible on every kind of
screen, the Markdown preview wearing the page's styles in light and readable in dark,
and the desk's table of what readers did not find readable on a desktop and a phone.

The admin is dark when the system is (prefers-color-scheme) or when the editor picks
it with the admin's theme toggle (html[data-theme="dark"]); both ways are tested.
The site runs in gunicorn on a fresh database holding only what these tests need."""

import re
import secrets

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, manage, shell, site_env

pytestmark = pytest.mark.browser

BODY = """Every request passes the `rate_limit` check before it reaches a worker.

## Algorithms

- A token bucket refills at a steady rate.
- A sliding window counts the last minute.

| Algorithm | Burst |
|---|---|
| Token bucket | Allowed |
| Fixed window | At the edges |

> A limit nobody can see is a limit nobody plans for.
"""
SEED = """
from datetime import timedelta
from django.utils import timezone
from glossary_site.search.models import ReaderDemand
from terms.models import Term
now, today = timezone.now(), timezone.localdate()
sample = Term.objects.create(title="Rate Limiting", slug="rate-limiting", summary="Capping requests.",
                             body={body!r}, status="published", published_at=now - timedelta(days=1))
Term.objects.create(title="Scalability", slug="scalability", summary="Growing.", body="Growing.",
                    status="published", published_at=now - timedelta(days=1))
Term.objects.create(title="Circuit breaker", slug="circuit-breaker", summary="Failing fast.",
                    body="Failing fast.", status="published", published_at=now + timedelta(days=2))
for query, nothing, followed in [("observability pipeline for distributed tracing", 12, 0),
                                 ("scalabilty", 9, 3), ("circuit breaker", 7, 0), ("idempotency key", 4, 0)]:
    ReaderDemand.objects.create(query=query, day=today, kind="nothing", count=nothing)
    if followed:
        ReaderDemand.objects.create(query=query, day=today, kind="followed", count=followed)
print(sample.pk)
"""
# The admin's "dark" both ways, and "light" both ways: by the system's setting alone,
# and by the toggle against the system's setting.
THEMES = {
    "light": ("light", None),
    "dark": ("dark", None),
    "dark-by-toggle": ("light", "dark"),
    "light-by-toggle": ("dark", "light"),
}
DARK_THEMES = ["dark", "dark-by-toggle"]
SCREENS = {
    "index": "/admin/",
    "change-list": "/admin/terms/term/",
    "change-form": "/admin/terms/term/{pk}/change/",
    "history": "/admin/terms/term/{pk}/history/",
}
PREVIEW_PARTS = ["p", "h2", "ul > li", "th", "td", "p code", "blockquote"]

# A colour as the browser computes it, and the colour behind an element: its own
# background, else the first of its ancestors' that is not transparent.
COLOURS = """(element) => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  let behind = element;
  while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) behind = behind.parentElement;
  return {ink: rgb(getComputedStyle(element).color),
          paper: rgb(behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)")};
}"""
STYLE = """(element) => { const style = getComputedStyle(element); return Object.fromEntries([
  "color", "background-color", "font-family", "font-size", "font-weight", "font-style", "line-height",
  "letter-spacing", "text-transform", "text-align", "vertical-align", "list-style-type",
  "margin-top", "margin-bottom", "margin-left", "padding-top", "padding-right", "padding-bottom",
  "padding-left", "border-top-width", "border-top-style", "border-top-color", "border-bottom-width",
  "border-bottom-style", "border-bottom-color", "border-left-width", "border-left-style",
  "border-left-color"].map((name) => [name, style.getPropertyValue(name)])); }"""
# How many lines a cell's text takes: the distinct tops of its line boxes.
LINES = """(cell) => { const range = document.createRange(); range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size; }"""


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colours):
    lighter, darker = sorted((luminance(colours["ink"]), luminance(colours["paper"])), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(scope="module")
def theme_server(tmp_path_factory, migrated_database):
    tmp = tmp_path_factory.mktemp("theme")
    password = secrets.token_urlsafe(16)
    env = site_env(tmp, migrated_database.copy(tmp), DJANGO_SUPERUSER_PASSWORD=password)
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "editor@example.com")
    pk = shell(env, SEED.replace("{body!r}", repr(BODY)))
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server, password, pk
    finally:
        server.stop()


@pytest.fixture
def open_admin(browser, theme_server, sign_in):
    """open_admin(theme, width=1280) -> a logged-in page in that theme (THEMES)."""
    server, password, _ = theme_server
    contexts = []

    def make(theme="light", width=1280, logged_in=True):
        system, toggled = THEMES[theme]
        context = browser.new_context(
            base_url=server.base_url, viewport={"width": width, "height": 900}, color_scheme=system
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if logged_in:
            sign_in(page, server.base_url, "editor", password)
        if toggled:
            # As an editor does: the header's toggle, which the admin remembers.
            for _ in range(3):  # auto -> one -> the other
                if page.evaluate("document.documentElement.dataset.theme") == toggled:
                    break
                page.get_by_role("button", name="Toggle theme").first.click()
            assert page.evaluate("document.documentElement.dataset.theme") == toggled
        return page

    yield make
    for context in contexts:
        context.close()


def admin_is_dark(page):
    return luminance(page.locator("body").evaluate(COLOURS)["paper"]) < 0.05


def open_preview(page, pk):
    page.goto(SCREENS["change-form"].format(pk=pk))
    expect(page.locator(".markdownx-preview td").first).to_be_visible()
    return page.locator(".markdownx-preview")


# --- the title -----------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_admins_title_is_legible_on_every_screen_in_light_and_dark(
    open_admin, theme_server, screen, theme
):
    page = open_admin(theme)
    page.goto(SCREENS[screen].format(pk=theme_server[2]))
    assert admin_is_dark(page) == theme.startswith("dark")

    assert contrast(page.locator("#site-name a").evaluate(COLOURS)) >= 4.5


def test_the_title_is_legible_on_the_login_screen_too(open_admin):
    page = open_admin("dark", logged_in=False)
    page.goto("/admin/login/")
    assert contrast(page.locator("#site-name a").evaluate(COLOURS)) >= 4.5


# --- the preview ---------------------------------------------------------------


@pytest.fixture(scope="module")
def public_styles(browser, theme_server):
    """The computed style of each of PREVIEW_PARTS on the term's public page, read once:
    no test of this module changes that page."""
    server, _, _ = theme_server
    public = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    try:
        page = public.new_page()
        page.goto("/glossary/rate-limiting/")
        return {part: page.locator(f".prose {part}").first.evaluate(STYLE) for part in PREVIEW_PARTS}
    finally:
        public.close()


@pytest.mark.parametrize("part", PREVIEW_PARTS)
def test_in_light_the_preview_wears_the_public_pages_computed_styles(
    open_admin, theme_server, public_styles, part
):
    preview = open_preview(open_admin("light"), theme_server[2])

    assert preview.locator(part).first.evaluate(STYLE) == public_styles[part]


def test_in_light_the_preview_is_white_like_the_page(open_admin, theme_server):
    preview = open_preview(open_admin("light"), theme_server[2])
    assert preview.evaluate(COLOURS)["paper"][:3] == [255, 255, 255]


@pytest.mark.parametrize("theme", DARK_THEMES)
def test_in_dark_the_preview_turns_dark_and_every_part_stays_readable(open_admin, theme_server, theme):
    page = open_admin(theme)
    preview = open_preview(page, theme_server[2])
    assert luminance(preview.evaluate(COLOURS)["paper"]) < 0.05, "the preview stayed light"

    for part in [*PREVIEW_PARTS, "h2 .heading-anchor"]:
        assert contrast(preview.locator(part).first.evaluate(COLOURS)) >= 4.5, part


@pytest.mark.parametrize("theme", ["light", *DARK_THEMES])
def test_the_previews_table_headers_are_not_the_admins(open_admin, theme_server, theme):
    header = open_preview(open_admin(theme), theme_server[2]).locator("th").first
    expect(header).to_have_text("Algorithm")
    assert header.evaluate("(th) => getComputedStyle(th).textTransform") == "none"
    assert header.evaluate("(th) => getComputedStyle(th).fontWeight") == "700"


# --- the desk ------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_the_desks_demand_table_headers_take_at_most_two_lines(open_admin, width):
    page = open_admin("light", width=width)
    table = page.get_by_role("region", name="What readers looked for and did not find").locator("table")
    headers = table.locator("thead th")
    expect(headers).to_have_count(4)

    lines = {headers.nth(n).inner_text(): headers.nth(n).evaluate(LINES) for n in range(4)}
    assert max(lines.values()) <= 2, lines
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_desk_offers_add_term_only_for_what_no_term_answers(open_admin):
    page = open_admin("light")
    table = page.get_by_role("region", name="What readers looked for and did not find")
    expect(
        table.get_by_role("link", name="Add term “observability pipeline for distributed tracing”")
    ).to_be_visible()
    expect(table.get_by_role("link", name="Add term “idempotency key”")).to_be_visible()
    expect(table.locator("tbody tr", has_text="scalabilty")).to_contain_text("Search offers “Scalability”")
    expect(table.locator("tbody tr", has_text="circuit breaker")).to_contain_text(
        "“Circuit breaker” is scheduled"
    )
    expect(table.get_by_role("link", name="Add term")).to_have_count(2)


def test_the_desk_has_new_term_and_new_article(open_admin):
    page = open_admin("light", width=390)
    page.get_by_role("link", name="New article", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/articles/article/add/$"))
    page.goto("/admin/")
    page.get_by_role("link", name="New term", exact=True).click()
    expect(page.get_by_label("Title:")).to_be_visible()


@pytest.mark.parametrize(("theme", "width"), [("light", 390), ("dark", 1280), ("dark-by-toggle", 390)])
def test_axe_finds_nothing_serious_on_the_desk_in_either_theme(open_admin, theme, width):
    page = open_admin(theme, width=width)
    found = Axe().run(page).response["violations"]
    assert [(v["id"], v["nodes"][0]["target"]) for v in found if v["impact"] in ("serious", "critical")] == []
