"""What readers and editors see in a real browser, against the real gunicorn server.

These tests are black-box: they only drive Chromium (and HTTP) against the
`site_server` fixture. The editor test adds a heading to "Backend Developer";
every other test here is written so that it passes with or without that heading.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TERM_TITLE = "Backend Developer"
TERM_PATH = "/glossary/backend-developer/"
RECENT_ARTICLES = [
    "Moving our support phone lines to the cloud",
    "Designing money screens people trust",
    "Comparing four kinds of trading system",
]
ARTICLE_PATH = "/blog/moving-our-support-phone-lines-to-the-cloud/"
# The one demo article whose body mentions the model term.
MENTIONING = ("Designing money screens people trust", "/blog/designing-money-screens-people-trust/")
BLOCKING_IMPACTS = {"serious", "critical"}


def breadcrumb_of(page):
    """The breadcrumb as a reader reads it (the "/" separators are CSS decoration)."""
    items = page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")
    return " / ".join(text.strip() for text in items.all_inner_texts())


def recent_article_links(page):
    return page.get_by_role("region", name="Recent Articles").get_by_role("list").get_by_role("link")


def test_reader_goes_from_home_to_a_term_to_an_article_to_the_blog(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Glossary").click()

    expect(page).to_have_url(re.compile(r"/glossary/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Glossary")
    letter_headings = page.locator(".letter-group").get_by_role("heading", level=2)
    expect(letter_headings.first).to_be_visible()
    letters = letter_headings.all_inner_texts()
    assert "B" in letters, letters
    assert all(re.fullmatch(r"[A-Z#]", letter) for letter in letters), letters
    assert letters == sorted(letters, key=lambda letter: (letter == "#", letter)), letters

    page.get_by_role("link", name=TERM_TITLE, exact=True).click()

    expect(page).to_have_url(re.compile(re.escape(TERM_PATH) + "$"))
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumb_of(page) == f"Home / Glossary / {TERM_TITLE}"
    expect(breadcrumb.get_by_role("link", name="Home", exact=True)).to_have_attribute("href", "/")
    expect(breadcrumb.get_by_role("link", name="Glossary", exact=True)).to_have_attribute(
        "href", "/glossary/"
    )
    current = breadcrumb.locator("[aria-current=page]")
    expect(current).to_have_text(TERM_TITLE)
    expect(breadcrumb.get_by_role("link")).to_have_count(2)  # the current page is not a link
    assert current.evaluate("element => element.closest('a') === null")

    h1 = page.locator("h1")
    expect(h1).to_have_count(1)
    expect(h1).to_have_text(TERM_TITLE)
    expect(page.get_by_role("heading", level=1, name=TERM_TITLE)).to_be_visible()
    header = page.locator(".entry-header")
    expect(header.get_by_text("March 19, 2024")).to_be_visible()
    expect(header.get_by_text("Read 3 min")).to_be_visible()

    body = page.locator(".prose")
    # Each heading ends with its "#" section anchor, which shows on hover and focus.
    section_headings = [
        re.sub(r"\s*#$", "", text) for text in body.get_by_role("heading", level=2).all_inner_texts()
    ]
    assert section_headings[:4] == ["Overview", "Advantages", "Applications", "Conclusion"], section_headings
    first_item = body.locator("ol").first.get_by_role("listitem").first
    expect(first_item).to_be_visible()
    assert first_item.inner_text().startswith("Scalability:"), first_item.inner_text()

    # The articles that mention the term, newest first; the sidebar leaves them out
    # rather than list them again.
    mentioning = page.get_by_role("region", name="Articles that mention this term").get_by_role("link")
    expect(mentioning.first).to_be_visible()
    assert mentioning.all_inner_texts() == [MENTIONING[0]]
    recent = (
        recent_article_links(page).all_inner_texts()
        if page.get_by_role("region", name="Recent Articles").count()
        else []
    )
    assert not set(recent) & set(mentioning.all_inner_texts()), recent
    back_to_top = page.get_by_role("contentinfo").get_by_role("link", name="Back to top")
    expect(back_to_top).to_be_visible()
    expect(back_to_top).to_have_attribute("href", "#top")
    expect(page.get_by_role("link", name="Visit Blog")).to_have_attribute("href", "/blog/")

    mentioning.first.click()

    article_title, article_path = MENTIONING
    expect(page).to_have_url(re.compile(re.escape(article_path) + "$"))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(article_title)
    assert breadcrumb_of(page) == f"Home / Blog / {article_title}"
    # The sidebar lists only articles the page does not already link (it may list none).
    listed = recent_article_links(page).all_inner_texts()
    assert article_title not in listed, listed
    # Each other article once: related, pager and sidebar do not repeat one another.
    article_links = page.locator("main a[href^='/blog/']:not([href*='/tag/']):not([href*='/author/'])")
    hrefs = [
        href
        for href in article_links.evaluate_all("links => links.map((a) => a.pathname)")
        if href != "/blog/"
    ]
    assert len(hrefs) == len(set(hrefs)), hrefs

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Blog").click()

    expect(page).to_have_url(re.compile(r"/blog/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Blog")
    titles = page.locator(".article-list").get_by_role("heading", level=2).all_inner_texts()
    assert titles[:3] == RECENT_ARTICLES, titles
    for title in RECENT_ARTICLES:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()


def test_editor_sees_a_safe_live_preview_and_publishes_a_new_section(page, site_server):
    dialogs = []

    def record_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_dialog)

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(site_server.username)
    page.get_by_label("Password").fill(site_server.password)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))
    ).to_be_visible()

    page.goto("/admin/terms/term/")
    page.get_by_role("link", name=TERM_TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/terms/term/\d+/change/$"))

    editor = page.locator("textarea.markdownx-editor[name=body]")
    preview = page.locator(".markdownx-preview")
    expect(editor).to_be_visible()

    # Type at the end of the body, key by key, as an editor would.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\n## Browser Check Heading\n\nA sentence typed in the browser.")
    expect(preview.get_by_role("heading", level=2, name="Browser Check Heading")).to_be_visible(
        timeout=10_000
    )
    expect(preview).to_contain_text("A sentence typed in the browser.")
    safe_body = editor.input_value()

    # Hostile markup: the preview must show it defused, and nothing may run.
    page.keyboard.type("\n\n<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\nAfter the probe.")
    expect(preview).to_contain_text("After the probe.", timeout=10_000)
    expect(preview.locator("script")).to_have_count(0)
    expect(preview.locator("[onerror]")).to_have_count(0)
    assert "onerror" not in preview.inner_html()
    # Give a (wrongly) kept onerror handler the time to fire on the broken image.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.markdownx-preview img')].every(img => img.complete)"
    )
    page.wait_for_timeout(300)
    assert dialogs == [], f"the preview ran script: {dialogs}"

    # Keep only the harmless section, let the preview catch up, then save.
    editor.fill(safe_body)
    expect(preview).not_to_contain_text("After the probe.", timeout=10_000)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/terms/term/$"))
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    page.goto(TERM_PATH)
    body = page.locator(".prose")
    expect(body.get_by_role("heading", level=2, name="Browser Check Heading")).to_be_visible()
    expect(body).to_contain_text("A sentence typed in the browser.")
    expect(body.locator("img, script")).to_have_count(0)
    assert dialogs == [], f"a page ran script: {dialogs}"


def test_anonymous_visitors_cannot_use_the_editor_endpoints(page):
    # The admin login page hands out a CSRF cookie, so a 403 below is the staff check, not CSRF.
    page.goto("/admin/login/")
    token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    headers = {"X-CSRFToken": token}

    preview = page.request.post(
        "/markdownx/markdownify/", form={"content": "## Hello\n\n<script>alert(1)</script>"}, headers=headers
    )
    assert preview.status == 403, (preview.status, preview.text())
    assert "Log in to the admin as staff" in preview.json()["error"]
    assert "<h2" not in preview.text()

    upload = page.request.post("/markdownx/upload/", headers=headers)
    assert upload.status == 403, (upload.status, upload.text())


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/glossary/",
        "/glossary/letter/b/",
        TERM_PATH,
        "/blog/",
        ARTICLE_PATH,
        "/search/?q=backend",
        "/search/?q=zzzz",
        "/glossary/no-such-term/",
        "/api/",
        "/embed/",
    ],
)
def test_page_has_no_serious_accessibility_violations(page, path):
    response = page.goto(path)
    expected_status = 404 if "no-such" in path else 200
    assert response.status == expected_status, (path, response.status)
    assert_no_serious_violations(page, path)


# Issue 28: a translated term page and its source, on a site in three languages.
@pytest.mark.parametrize(
    "path",
    ["/de/glossary/backend-entwickler/", "/ja/glossary/バックエンド開発者/", TERM_PATH, "/glossary/caching/"],
)
def test_translated_page_has_no_serious_accessibility_violations(browser, multilingual_server, path):
    context = browser.new_context(base_url=multilingual_server.base_url)
    try:
        page = context.new_page()
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        expect(page.locator(".language-switcher")).to_have_count(1)
        assert_no_serious_violations(page, path)
    finally:
        context.close()


def assert_no_serious_violations(page, path):
    expect(page.locator("h1")).to_have_count(1)

    violations = Axe().run(page).response["violations"]

    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(
            f"    {', '.join(map(str, node['target']))}: {node['html']}" for node in violation["nodes"]
        )
        for violation in blocking
    )
    assert not blocking, f"axe found serious or critical violations on {path}:\n{report}"


def test_term_page_fits_a_phone_screen_without_sideways_scrolling(new_page):
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(TERM_PATH)

    expect(page.get_by_role("heading", level=1, name=TERM_TITLE)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the page is {scroll_width}px wide on a 360px screen"


def test_search_suggestions_take_a_keyboard_user_to_the_term(page):
    page.goto("/blog/")
    box = page.get_by_role("combobox", name="Search terms and articles")
    # The answer for the whole word typed, the last the list shows: an earlier one the
    # box already offered is redrawn by it, and would take back an ArrowDown before it.
    with page.expect_response(lambda response: "/search/suggest/?q=backe" in response.url):
        box.press_sequentially("backe", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option").first).to_contain_text(TERM_TITLE)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_have_count(1)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"site-search-option-0"))
    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(TERM_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TERM_TITLE)


def test_search_form_works_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/")
    page.get_by_role("searchbox", name="Search terms and articles").fill("ledger")
    page.get_by_role("button", name="Search").first.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=ledger$"))
    expect(page.get_by_role("link", name="Ledger", exact=True)).to_be_visible()


def test_term_link_tooltip_opens_on_focus_and_closes_with_escape(page):
    page.goto(TERM_PATH)
    link = page.locator(".prose a.term-link").first
    tip_id = link.get_attribute("aria-describedby")
    tip = page.locator(f"#{tip_id}")
    expect(tip).to_be_hidden()
    link.focus()
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    tip_box, link_box = tip.bounding_box(), link.bounding_box()
    assert (
        tip_box["y"] >= link_box["y"] + link_box["height"]
        or tip_box["y"] + tip_box["height"] <= link_box["y"]
    ), "the tooltip sits above or below the line, never over the words being read"
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(link).to_be_focused()


def test_term_link_on_touch_shows_the_tooltip_first_and_follows_on_second_tap(new_page):
    page = new_page(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    page.goto(TERM_PATH)
    link = page.locator(".prose a.term-link").first
    href = link.get_attribute("href")
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    link.tap()
    expect(tip).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(TERM_PATH) + "$"))
    link.tap()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_long_term_page_has_an_on_this_page_table_of_contents(page):
    page.goto(TERM_PATH)
    toc = page.get_by_role("navigation", name="On this page")
    expect(toc.get_by_role("link", name="Advantages")).to_have_attribute("href", "#advantages")
    toc.get_by_role("link", name="Applications").click()
    expect(page).to_have_url(re.compile(r"#applications$"))
