"""The search box says why it offers nothing when search turns it away (issue 29):
the message of the JSON answer (429 here) is shown under the box and announced by its
live region, in the page's language, on a real gunicorn server with a tiny limit."""

import pytest
from playwright.sync_api import expect

from glossary_site.testing.servers import Gunicorn, fetch, site_env

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory, demo_database):
    tmp = tmp_path_factory.mktemp("limited-search")
    # One search per address a day: the first search of a test uses it up, whatever
    # the tests before it did, and no window ends during a test but once a day. One
    # worker: without Redis each worker counts in a cache of its own.
    env = site_env(
        tmp,
        demo_database.copy(tmp),
        WEB_CONCURRENCY="1",
        SITE_LANGUAGES="en,de",
        SEARCH_RATE_LIMIT="1",
        SEARCH_RATE_WINDOW="86400",
    )
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def limited_page(browser, limited_server):
    context = browser.new_context(base_url=limited_server.base_url)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("prefix", "label", "message"),
    [
        ("", "Search terms and articles", "Too many searches from your address: try again in"),
        ("/de", "Begriffe und Artikel durchsuchen", "Zu viele Suchanfragen von Ihrer Adresse"),
    ],
)
def test_the_search_box_turned_away_shows_and_announces_why(
    limited_server, limited_page, prefix, label, message
):
    page = limited_page
    fetch(limited_server.url(f"{prefix}/search/?q=ledger"))  # the address's one search
    page.goto(f"{prefix}/blog/")
    box = page.get_by_role("combobox", name=label)
    with page.expect_response(lambda response: "/search/suggest/?q=backe" in response.url) as answer:
        box.press_sequentially("backe", delay=40)
    assert answer.value.status == 429

    notice = page.get_by_role("status")
    expect(notice).to_contain_text(message)
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("aria-live", "polite")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox", include_hidden=True)).to_be_hidden()

    box.press("Enter")  # the form still searches: the results page says the same
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/search/?q=backe" in page.url
