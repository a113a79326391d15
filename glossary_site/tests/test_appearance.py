"""What every page type looks like, tested as a person sees it, in Debian's Chromium.

- Screenshots at 390 and 1280 px wide, light and dark (the reader's system setting),
  and a printed term, compared with the baselines committed in
  glossary_site/tests/screenshots/. A difference above a small tolerance fails and
  leaves the new screenshot and a diff image in test-artifacts/screenshots/.
  After an intended change: `make screenshots`, look at the new images, commit them.
- Layout rules that hold whatever the pixels: nothing wider than a 360 px phone,
  the letter bar at most two rows on a desktop, form controls at least 40 px tall,
  the editor's text box and preview side by side without overlap.
- The editor's preview is the page: the same term links and the same computed styles.
- Colour: axe finds no contrast failure in either theme, the focus ring stands out
  3:1 from whatever it is drawn on, tooltips and hovercards are dark in the dark.

The site runs in gunicorn on its own fresh database with the demo content, so no
other test's edits show in these pages.
"""

import os
import re
import secrets
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image, ImageChops
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from glossary_site.testing.servers import PROJECT_ROOT, Gunicorn, PreparedDatabase, manage, shell, site_env

pytestmark = pytest.mark.browser

BASELINES = Path(__file__).parent / "screenshots"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
UPDATE = os.environ.get("UPDATE_SCREENSHOTS") == "1"
# A pixel differs when a channel moves by more than this (anti-aliasing stays below);
# a screenshot differs when more than this share of its pixels do.
PIXEL_THRESHOLD = 24
TOLERANCE = 0.002
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
BLOCKING_IMPACTS = {"serious", "critical"}

ARTICLE = "/blog/moving-our-support-phone-lines-to-the-cloud/"
PUBLIC_PAGES = {
    "home": "/",
    "index": "/glossary/",
    "letter": "/glossary/letter/d/",
    "term": "/glossary/backend-developer/",
    "article": ARTICLE,
    "blog": "/blog/",
    "tag": "/blog/tag/architecture/",
    "author": "/blog/author/maya-lindqvist/",
    "search-empty": "/search/",
    "search-results": "/search/?q=scal",
    "search-nothing": "/search/?q=zzyzx",
    "search-did-you-mean": "/search/?q=Cahcing&literal=1",
    "search-corrected": "/search/?q=Cahcing",
    "not-found": "/glossary/no-such-term/",
    "gone": "/glossary/retired-term/",
}
ADMIN_PAGES = {
    "admin-index": "/admin/",
    "admin-term-list": "/admin/terms/term/",
    "admin-term-edit": "/admin/terms/term/{backend_developer}/change/",
    "admin-article-edit": "/admin/articles/article/{article}/change/",
}
RETIRE_A_TERM = """
from terms.models import Term
Term.objects.create(title="Retired term", slug="retired-term", summary="Gone.", body="Gone.",
                    status="published").delete()
"""
ARTICLE_SLUG = ARTICLE.strip("/").split("/")[-1]
IDS = f"""
from articles.models import Article
from terms.models import Term
print(Term.objects.get(slug="backend-developer").pk, Article.objects.get(slug="{ARTICLE_SLUG}").pk)
"""


@pytest.fixture(scope="module")
def look_server(tmp_path_factory, demo_database):
    """The demo site, a staff account and one deleted term (for the 410 page)."""
    tmp = tmp_path_factory.mktemp("look")
    username, password = "editor", secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp), DJANGO_SUPERUSER_PASSWORD=password)
    manage(env, "shell", "-c", RETIRE_A_TERM)
    manage(env, "createsuperuser", "--noinput", "--username", username, "--email", "editor@example.com")
    ids = shell(env, IDS).split()
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        site = {"base_url": server.base_url, "username": username, "password": password}
        yield site, {"backend_developer": ids[0], "article": ids[1]}
    finally:
        server.stop()


def _new_page(browser, site, width, staff=False, height=900, scheme="light", **options):
    """A page in a new context of that width, as a reader whose system is set to that
    colour scheme; signed in through the login form when `staff`."""
    context = browser.new_context(
        base_url=site["base_url"],
        viewport={"width": width, "height": height},
        reduced_motion="reduce",
        color_scheme=scheme,
        **options,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    if staff:
        page.goto("/admin/login/")
        page.fill("#id_username", site["username"])
        page.fill("#id_password", site["password"])
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
    return page


class KeptPages:
    """One page per site, width, colour scheme and account, kept from test to test for
    those that only go to an address and look. A new context starts a new renderer and
    fetches every style sheet, font and image again, which is most of such a test's
    work; going to an address still gives a new document (its own scripts, focus and
    layout), and the wait for its load event and _settle() stay each test's.

    Only the pages the running test asked for stay open: gunicorn's sync workers each
    serve one connection at a time, and the idle connections an open context keeps to
    the server would hold them from other contexts' requests."""

    def __init__(self, browser):
        self.browser = browser
        self.pages = {}
        self.in_use = set()

    def get(self, site, width, staff=False, scheme="light"):
        key = (site["base_url"], width, staff, scheme)
        self.close_unused(keep=key)
        if key not in self.pages:
            self.pages[key] = _new_page(self.browser, site, width, staff, scheme=scheme)
        self.in_use.add(key)
        return self.pages[key]

    def close_unused(self, keep=None):
        for key in [key for key in self.pages if key != keep and key not in self.in_use]:
            self.pages.pop(key).context.close()

    def release(self):
        """At the end of a test: undo what it routed; its pages may serve the next one."""
        for key in self.in_use:
            if key in self.pages:
                self.pages[key].unroute_all(behavior="ignoreErrors")
        self.in_use.clear()

    def close(self):
        self.in_use.clear()
        self.close_unused()


@pytest.fixture(scope="module")
def kept_pages(browser):
    kept = KeptPages(browser)
    yield kept
    kept.close()


@pytest.fixture
def look_page(kept_pages, look_server):
    """look_page(width, staff=False, scheme="light", site=the demo site) -> a kept page
    (KeptPages) for a test that only goes to addresses and looks."""

    def get(width, staff=False, scheme="light", site=look_server[0]):
        return kept_pages.get(site, width, staff, scheme)

    yield get
    kept_pages.release()


@pytest.fixture
def open_page(browser, look_server, kept_pages):
    """open_page(width, staff=False, scheme="light", **options) -> a page in a fresh
    context, for a test that changes more than the address it shows (types, hovers,
    presses keys, emulates print, listens to the console)."""
    site, _ = look_server
    kept_pages.close_unused()
    pages = []

    def make(width, staff=False, height=900, scheme="light", **options):
        pages.append(_new_page(browser, site, width, staff, height, scheme, **options))
        return pages[-1]

    yield make
    for page in pages:
        page.context.close()


def _full_page_shot(page, **options):
    """A full-page screenshot. Chromium now and then refuses one capture ("Unable to
    capture screenshot", a known transient of its compositor, fresh context or not) and
    takes the same picture when asked again: one more try, then the error stands."""
    options = {"full_page": True, "animations": "disabled", "caret": "hide", **options}
    try:
        return page.screenshot(**options)
    except PlaywrightError as error:
        if "Unable to capture screenshot" not in str(error):
            raise
        return page.screenshot(**options)


def _settle(page):
    """Wait for what a reader would wait for: lazy images loaded, fonts ready."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    # Polled from here with evaluate (run through the browser's debugger, which the page's
    # Content-Security-Policy does not govern), not wait_for_function, which it may block.
    # A lazy image switched to eager can report complete before its fetch starts: wait
    # until it has pixels too.
    ready = (
        "() => [...document.images].every(i => i.complete && (i.naturalWidth > 0 || !i.currentSrc))"
        " && document.fonts.status === 'loaded'"
    )
    deadline = time.monotonic() + 15
    while not page.evaluate(ready):
        assert time.monotonic() < deadline, "images or fonts did not finish loading in 15 s"
        time.sleep(0.05)
    page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")


def _show_503(page):
    """The real 503 page (as the error handler serves it) at a path of this site."""
    from glossary_site.serving import errors

    html = errors.UNAVAILABLE_PAGES["en"]
    page.route(
        "**/unavailable-page", lambda route: route.fulfill(status=503, body=html, content_type="text/html")
    )
    page.goto("/unavailable-page")


def _show_search_refusal(page, status):
    """The page a search turned away gets (serving/searchguard.py), as it answers a
    results page: 429 when the reader searched too often, 503 when search is busy."""
    from django.test import RequestFactory

    from glossary_site.serving import searchguard

    request = RequestFactory().get("/search/", {"q": "cache"})
    html = searchguard.refusal(request, status, 30 if status == 429 else 1).content
    page.route(
        "**/search-refused", lambda route: route.fulfill(status=status, body=html, content_type="text/html")
    )
    page.goto("/search-refused")


def _goto(page, name, path):
    if name == "unavailable":
        _show_503(page)
    elif name in SEARCH_REFUSALS:
        _show_search_refusal(page, SEARCH_REFUSALS[name])
    else:
        page.goto(path)
    _settle(page)


def _compare(name, shot):
    baseline = BASELINES / f"{name}.png"
    if UPDATE or not baseline.exists():
        if not UPDATE:
            pytest.fail(f"no baseline {baseline.name}: run `make screenshots`, look at it, commit it")
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(shot)
        return
    actual_path = ARTIFACTS / f"{name}.png"
    # The same bytes are the same pixels: only a screenshot that is not byte for byte
    # the baseline needs both images decoded and compared pixel by pixel.
    if baseline.read_bytes() == shot:
        actual_path.unlink(missing_ok=True)
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    actual_path.write_bytes(shot)
    expected, actual = Image.open(baseline).convert("RGB"), Image.open(actual_path).convert("RGB")
    size = (max(expected.width, actual.width), max(expected.height, actual.height))
    # A page that grew or shrank is compared on the larger canvas, the rest white.
    expected, actual = _on_canvas(expected, size), _on_canvas(actual, size)
    changed = (
        ImageChops.difference(expected, actual)
        .convert("L")
        .point(lambda value: 255 if value > PIXEL_THRESHOLD else 0)
    )
    share = changed.histogram()[255] / (size[0] * size[1])
    if share > TOLERANCE:
        diff_path = ARTIFACTS / f"{name}.diff.png"
        Image.composite(Image.new("RGB", size, (255, 0, 160)), actual, changed).save(diff_path)
        pytest.fail(
            f"{name}: {share:.2%} of pixels differ from the baseline (tolerance {TOLERANCE:.2%}); "
            f"see {actual_path} and {diff_path}; `make screenshots` if the change is intended"
        )
    actual_path.unlink()


def _on_canvas(image, size):
    if image.size == size:
        return image
    canvas = Image.new("RGB", size, "white")
    canvas.paste(image, (0, 0))
    return canvas


SEARCH_REFUSALS = {"search-wait": 429, "search-busy": 503}
PAGE_CASES = [(name, path) for name, path in PUBLIC_PAGES.items()] + [
    (name, None) for name in ("unavailable", *SEARCH_REFUSALS)
]


def _shot_name(name, scheme, width):
    """The light baselines keep their names from before the dark theme."""
    return f"{name}-{width}" if scheme == "light" else f"{name}-{scheme}-{width}"


@pytest.mark.parametrize(("name", "path"), PAGE_CASES, ids=[name for name, _ in PAGE_CASES])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_public_page_type_looks_as_its_baseline(look_page, name, path, scheme, width):
    page = look_page(width, scheme=scheme)
    _goto(page, name, path)
    shot = _full_page_shot(page)
    _compare(_shot_name(name, scheme, width), shot)


@pytest.mark.parametrize("name", ADMIN_PAGES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_editors_screens_look_as_their_baselines(look_page, look_server, name, scheme, width):
    _, ids = look_server
    page = look_page(width, staff=True, scheme=scheme)
    page.goto(ADMIN_PAGES[name].format(**ids))
    if page.locator(".markdownx-preview").count():
        expect(page.locator(".markdownx-preview h2").first).to_be_visible()
    # The editor's home page shows when things changed: this run's own times, written
    # as one fixed time so the baseline holds from run to run.
    if name == "admin-index":
        page.evaluate(
            "document.querySelectorAll('main time').forEach(t => { t.textContent = '1 Jan 2026, 09:00'; })"
        )
    _settle(page)
    shot = _full_page_shot(page)
    _compare(_shot_name(name, scheme, width), shot)


# A German translation of the demo's "Backend Developer", then an edit of its source's
# "Applications" section: the translation is out of date.
TRANSLATE_A_TERM = """
from glossary_site.editorial import translations
from terms.models import Term
source = Term.objects.get(slug="backend-developer", language="en")
german = translations.translate(source, "de")
german.title, german.slug = "Backend-Entwickler", "backend-entwickler"
german.summary = "Wer im Backend entwickelt, baut die Serverseite einer Webanwendung."
german.body = ("Backend-Entwickler bauen die Teile einer Anwendung, die niemand sieht.\\n\\n"
               "## Überblick\\n\\nSie arbeiten mit Datenbanken, Servern und APIs.\\n\\n"
               "## Anwendungen\\n\\nOnlinehandel, soziale Netzwerke und Banken.")
german.status, german.published_at = "published", source.published_at
german.save()
source = Term.objects.get(pk=source.pk)
source.body = source.body.replace("payment gateways heavily rely", "payment gateways rely")
source.save()
print(german.pk)
"""
TRANSLATION_PAGES = {
    "admin-translation-edit": "/admin/terms/term/{german}/change/",
    "admin-index-multilingual": "/admin/",
}


@pytest.fixture(scope="module")
def translation_server(tmp_path_factory, demo_database):
    """The demo site in English and German, with one German translation out of date."""
    tmp = tmp_path_factory.mktemp("translations")
    username, password = "editor", secrets.token_urlsafe(16)
    env = site_env(tmp, demo_database.copy(tmp), DJANGO_SUPERUSER_PASSWORD=password, SITE_LANGUAGES="en,de")
    german = shell(env, TRANSLATE_A_TERM)
    manage(env, "createsuperuser", "--noinput", "--username", username, "--email", "editor@example.com")
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        yield {"base_url": server.base_url, "username": username, "password": password}, german
    finally:
        server.stop()


@pytest.mark.parametrize("name", TRANSLATION_PAGES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_translators_screens_look_as_their_baselines(look_page, translation_server, name, scheme, width):
    site, german = translation_server
    page = look_page(width, staff=True, scheme=scheme, site=site)
    page.goto(TRANSLATION_PAGES[name].format(german=german))
    expect(page.locator("#content-main")).to_be_visible()
    # This run's own times, written as one fixed time so the baseline holds.
    page.evaluate(
        "document.querySelectorAll('main time').forEach(t => { t.textContent = '1 Jan 2026, 09:00'; })"
    )
    if name == "admin-translation-edit":
        expect(page.locator(".translation-source h4")).to_have_text(["Applications (changed)"])
        # Once, on a busy machine, the shot was taken before the body's label was laid out.
        expect(page.locator("label[for=id_body]")).to_be_visible()
        assert page.evaluate(OVERFLOW)["scrollWidth"] <= width
    _settle(page)
    _compare(
        _shot_name(name, scheme, width),
        _full_page_shot(page),
    )


# The demo as `make run` shows it: English, with German and Japanese translations
# (glossary_site/demo/de, ja), one of them out of date.
TRANSLATED_PAGES = {
    "term-de": "/de/glossary/backend-entwickler/",
    "term-ja": "/ja/glossary/バックエンドエンジニア/",
    "term-de-out-of-date": "/de/glossary/http/",
    "index-ja": "/ja/glossary/",
}


@pytest.fixture(scope="module")
def languages_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("languages")
    database = PreparedDatabase(tmp_path_factory.mktemp("languages-database"), SITE_LANGUAGES="en,de,ja")
    server = Gunicorn(site_env(tmp, database.copy(tmp), SITE_LANGUAGES="en,de,ja"), tmp / "gunicorn.log")
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.mark.parametrize("name", TRANSLATED_PAGES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_translated_pages_look_as_their_baselines(look_page, languages_server, name, scheme, width):
    page = look_page(width, scheme=scheme, site={"base_url": languages_server})
    _goto(page, name, TRANSLATED_PAGES[name])
    language = TRANSLATED_PAGES[name].split("/")[1]
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate(OVERFLOW)["scrollWidth"] <= width
    shot = _full_page_shot(page)
    _compare(_shot_name(name, scheme, width), shot)


# --- layout rules ------------------------------------------------------------

OVERFLOW = """() => {
  const clipped = (e) => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > innerWidth + 1 && !clipped(e) && getComputedStyle(e).position !== 'fixed';
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 5).map((e) => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)),
  };
}"""

SMALL_CONTROLS = """() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main button, main textarea, header input, header button')]
  .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 40)
  .map((e) => `${e.tagName.toLowerCase()}#${e.id} ${Math.round(e.getBoundingClientRect().height)}px`)"""


@pytest.mark.parametrize(("name", "path"), PAGE_CASES, ids=[name for name, _ in PAGE_CASES])
def test_no_page_is_wider_than_a_small_phone(look_page, name, path):
    page = look_page(360)
    _goto(page, name, path)
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= 360, found
    assert not found["wide"], found


LONG_WORD = "x" * 300
LONG_QUERIES = {
    "nothing-found": f"/search/?q={LONG_WORD}",
    "did-you-mean": f"/search/?q=Cahcing+{LONG_WORD}&literal=1",
    "not-found": f"/glossary/{LONG_WORD}/",
}


@pytest.mark.parametrize("path", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
@pytest.mark.parametrize("width", WIDTHS)
def test_a_300_character_word_does_not_widen_the_page(look_page, path, width):
    page = look_page(width)
    page.goto(path)
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= width, found
    assert not found["wide"], found


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES.items())
@pytest.mark.parametrize("width", (360, 1280))
def test_every_form_control_is_at_least_40_px_tall(look_page, name, path, width):
    page = look_page(width)
    page.goto(path)
    assert page.evaluate(SMALL_CONTROLS) == []


@pytest.mark.parametrize("path", ["/glossary/", "/glossary/letter/d/"])
def test_the_letter_bar_is_at_most_two_rows_on_a_desktop_and_one_on_a_phone(look_page, path):
    rows = "() => new Set([...document.querySelectorAll('.letter-bar li')].map((li) => Math.round(li.getBoundingClientRect().top))).size"
    desktop = look_page(1280)
    desktop.goto(path)
    assert 1 <= desktop.evaluate(rows) <= 2
    phone = look_page(390)
    phone.goto(path)
    assert phone.evaluate(rows) == 1
    bar = phone.locator(".letter-bar ul")
    assert bar.evaluate("ul => ul.scrollWidth > ul.clientWidth")  # it scrolls sideways


def test_the_current_letter_is_marked_and_empty_letters_are_not_links(look_page):
    page = look_page(1280)
    page.goto("/glossary/letter/d/")
    bar = page.get_by_role("navigation", name="Terms by letter")
    current = bar.locator("[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", "/glossary/letter/d/")
    assert current.evaluate("a => getComputedStyle(a).backgroundColor") != "rgba(0, 0, 0, 0)"
    empty = bar.locator(".letter-bar__empty")
    expect(empty.first).to_be_visible()
    assert (
        empty.first.evaluate("e => e.closest('a') === null && getComputedStyle(e).borderTopStyle") == "dashed"
    )


@pytest.mark.parametrize("width", (1024, 1280, 1600))
def test_the_editors_text_box_and_preview_never_overlap(look_page, look_server, width):
    _, ids = look_server
    page = look_page(width, staff=True)
    page.goto(ADMIN_PAGES["admin-term-edit"].format(**ids))
    expect(page.locator(".markdownx-preview h2").first).to_be_visible()
    text_box = page.locator("textarea.markdownx-editor").bounding_box()
    preview = page.locator(".markdownx-preview").bounding_box()
    side_by_side = preview["x"] >= text_box["x"] + text_box["width"]
    stacked = preview["y"] >= text_box["y"] + text_box["height"]
    assert side_by_side or stacked, (text_box, preview)
    form = page.locator("#content-main").bounding_box()
    assert preview["x"] + preview["width"] <= form["x"] + form["width"] + 1, (preview, form)
    if width >= 1280:
        assert side_by_side, "there is room for both side by side"


def test_the_editors_text_box_and_preview_stack_on_a_phone(look_page, look_server):
    _, ids = look_server
    page = look_page(390, staff=True)
    page.goto(ADMIN_PAGES["admin-term-edit"].format(**ids))
    expect(page.locator(".markdownx-preview h2").first).to_be_visible()
    assert page.evaluate(OVERFLOW)["scrollWidth"] <= 390
    text_box = page.locator("textarea.markdownx-editor").bounding_box()
    preview = page.locator(".markdownx-preview").bounding_box()
    assert preview["y"] >= text_box["y"] + text_box["height"]
    assert preview["width"] <= 390


# --- the preview is the page ---------------------------------------------------


def test_the_preview_links_terms_as_the_public_page_does(open_page):
    page = open_page(1280, staff=True)
    page.goto("/admin/articles/article/add/")
    page.fill("#id_body", "## Calls\n\nEvery API call reaches a Database behind a Load Balancer.")
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("a.term-link[href='/glossary/api/']")).to_have_text("API")
    expect(preview.locator("a.term-link[href='/glossary/database/']")).to_have_text("Database")
    expect(preview.locator("a.term-link[href='/glossary/load-balancer/']")).to_have_text("Load Balancer")
    expect(preview.locator("h2 a.heading-anchor[href='#calls']")).to_have_count(1)


def test_a_terms_preview_does_not_link_the_term_to_itself(look_page, look_server):
    _, ids = look_server
    page = look_page(1280, staff=True)
    page.goto(ADMIN_PAGES["admin-term-edit"].format(**ids))
    preview = page.locator(".markdownx-preview")
    # The preview is rendered (it links API) and never links the term being edited.
    expect(preview.locator("a.term-link[href='/glossary/api/']").first).to_be_attached()
    expect(preview.locator("a[href='/glossary/backend-developer/']")).to_have_count(0)


STYLE_OF = """(e) => { const s = getComputedStyle(e);
  return [s.fontFamily, s.fontSize, s.lineHeight, s.fontWeight, s.color, s.backgroundColor,
          s.marginLeft, s.marginBottom, s.textDecorationStyle, s.listStyleType]; }"""


@pytest.mark.parametrize(
    "selector",
    ["p", "h2", "ol > li", "a.term-link", "h2 .heading-anchor", "strong"],
)
def test_the_preview_wears_the_public_pages_styles(look_page, look_server, selector):
    _, ids = look_server
    public = look_page(1280)
    public.goto(PUBLIC_PAGES["term"])
    editor = look_page(1280, staff=True)
    editor.goto(ADMIN_PAGES["admin-term-edit"].format(**ids))
    expect(editor.locator(".markdownx-preview h2").first).to_be_visible()
    on_page = public.locator(f".prose {selector}").first.evaluate(STYLE_OF)
    in_preview = editor.locator(f".markdownx-preview {selector}").first.evaluate(STYLE_OF)
    assert in_preview == on_page


# --- accessibility of every page type ------------------------------------------


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES.items())
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_serious_on_any_page_type(look_page, name, path, width):
    page = look_page(width)
    page.goto(path)
    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_serious_on_the_editors_home_page(look_page, width):
    page = look_page(width, staff=True)
    page.goto(ADMIN_PAGES["admin-index"])
    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


# --- print ---------------------------------------------------------------------

AFTER_CONTENT = "(a) => getComputedStyle(a, '::after').content"


def test_a_printed_term_shows_its_content_and_link_addresses_without_the_chrome(open_page, look_server):
    site, _ = look_server
    page = open_page(800)
    page.emulate_media(media="print")
    page.goto(PUBLIC_PAGES["term"])
    _settle(page)
    for chrome in (".site-search", ".site-nav", ".entry-sidebar", ".back-to-top", ".breadcrumb"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".entry-meta time")).to_be_visible()
    source = page.locator(".print-source")
    expect(source).to_be_visible()
    expect(source).to_contain_text(PUBLIC_PAGES["term"])
    link = page.locator(".prose a.term-link").first
    after = link.evaluate(AFTER_CONTENT)  # attr(href), or the address it stands for
    assert "attr(href)" in after or link.get_attribute("href") in after, after
    # The source line names the test server's port, which changes from run to run.
    _compare("term-print", _full_page_shot(page, mask=[source]))
    # On screen, the source line is not shown and links carry no address.
    page.emulate_media(media="screen")
    expect(source).to_be_hidden()
    assert link.evaluate(AFTER_CONTENT) in ("none", "normal")


# --- colour: the dark theme, contrast, focus -------------------------------------


def _rgb(css):
    """(r, g, b, alpha) of a computed colour: rgb(), rgba() or color(srgb ...)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css.split("(", 1)[1])]
    if css.startswith("color("):
        numbers = [n * 255 for n in numbers[:3]] + numbers[3:]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def _contrast(first, second):
    def luminance(css):
        channels = [c / 255 for c in _rgb(css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES.items())
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_contrast_failure_in_the_dark(look_page, name, path, width):
    page = look_page(width, scheme="dark")
    page.goto(path)
    assert _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))[:3] < (48, 48, 48)
    results = Axe().run(page)
    violations = [
        v
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS or v["id"] == "color-contrast"
    ]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


# Where the focused element is, what its ring is drawn on: the nearest ancestor with
# a background of its own (the ring lies outside the element).
FOCUSED = """() => {
  const e = document.activeElement;
  let behind = 'rgb(255, 255, 255)';
  for (let a = e.parentElement; a; a = a.parentElement) {
    const colour = getComputedStyle(a).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') { behind = colour; break; }
  }
  const s = getComputedStyle(e);
  return { what: e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 30),
           style: s.outlineStyle, width: parseFloat(s.outlineWidth), ring: s.outlineColor,
           offset: parseFloat(s.outlineOffset), shadow: s.boxShadow, behind };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", [PUBLIC_PAGES["home"], PUBLIC_PAGES["term"], PUBLIC_PAGES["search-results"]])
def test_the_focus_ring_stands_out_3_to_1_from_what_it_is_drawn_on(open_page, path, scheme):
    page = open_page(1280, scheme=scheme)
    page.goto(path)
    seen = set()
    for _ in range(45):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["what"] in seen or focused["what"].startswith("body."):
            continue
        seen.add(focused["what"])
        assert focused["style"] == "solid" and focused["width"] >= 2, focused
        assert _contrast(focused["ring"], focused["behind"]) >= 3, focused
        if focused["offset"] > 0:  # the gap between element and ring is the halo
            halo = re.match(r"(rgba?\([^)]*\)|color\([^)]*\))", focused["shadow"])
            assert halo and _contrast(focused["ring"], halo[1]) >= 3, focused
    assert len(seen) >= 10  # header, body, sidebar and footer links all had their turn


def test_numbered_lists_in_a_body_show_numbers_and_lettered_ones_letters(open_page):
    page = open_page(1280)
    page.goto(PUBLIC_PAGES["term"])
    markers = page.locator(".prose").first.evaluate(
        """(prose) => {
          prose.insertAdjacentHTML('beforeend', '<ol><li>one</li></ol><ol start="3"><li>three</li></ol><ol type="a"><li>a</li></ol>');
          return [...prose.querySelectorAll(':scope > ol')].slice(-3).map((ol) =>
            [getComputedStyle(ol).listStyleType, getComputedStyle(ol.firstElementChild, '::before').content]);
        }"""
    )
    assert markers == [["decimal", "none"], ["decimal", "none"], ["lower-alpha", "none"]]


def test_heading_anchors_show_on_a_touch_screen(open_page):
    page = open_page(390, has_touch=True, is_mobile=True)
    page.goto(PUBLIC_PAGES["term"])
    assert page.evaluate("matchMedia('(hover: none)').matches")
    anchor = page.locator(".prose .heading-anchor").first
    assert anchor.evaluate("(a) => getComputedStyle(a).opacity") == "1"
    desktop = open_page(1280)
    desktop.goto(PUBLIC_PAGES["term"])
    assert (
        desktop.locator(".prose .heading-anchor").first.evaluate("(a) => getComputedStyle(a).opacity") == "0"
    )


def test_term_tooltips_and_embed_hovercards_are_dark_and_readable_in_the_dark(open_page):
    page = open_page(1280, scheme="dark")
    page.goto(PUBLIC_PAGES["term"])
    page.locator(".prose a.term-link").first.hover()
    tip = page.locator(".term-tip:visible").first
    expect(tip).to_be_visible()
    embed = open_page(1280, scheme="dark")
    embed.goto("/embed/")
    embed.locator("#try + p a").first.focus()
    card = embed.locator("glossary-hovercard").locator(".card")
    expect(card).to_be_visible()
    for shown in (tip, card):
        ink, paper = shown.evaluate("(e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert max(_rgb(paper)[:3]) < 96, paper  # a dark card, not a white one on the dark page
        assert _contrast(ink, paper) >= 4.5, (ink, paper)


# Chromium reports a page answered 404 or 410 as a resource that failed to load:
# those two pages are meant to, and say so to the reader.
ANSWERED_AN_ERROR = "Failed to load resource: the server responded with a status of 4"


def test_no_public_page_logs_a_console_warning_or_error(open_page):
    messages = []
    page = open_page(1280)
    page.on("console", lambda message: messages.append((message.type, message.text, page.url)))
    page.on("pageerror", lambda error: messages.append(("pageerror", str(error), page.url)))
    for name, path in [*PUBLIC_PAGES.items(), ("embed", "/embed/")]:
        response = page.goto(path)
        page.wait_for_load_state("load")
        if response.status in (404, 410):
            assert name in ("not-found", "gone")
            messages[:] = [m for m in messages if not m[1].startswith(ANSWERED_AN_ERROR)]
    assert [m for m in messages if m[0] in ("warning", "error", "pageerror")] == []


# --- the reader's lists (issue 27) ------------------------------------------------

LETTER_ROWS = "() => new Set([...document.querySelectorAll('.letter-bar li')].map((li) => Math.round(li.getBoundingClientRect().top))).size"


@pytest.mark.parametrize("path", ["/glossary/", "/glossary/letter/d/"])
def test_the_letter_bar_is_one_row_at_1280(look_page, path):
    page = look_page(1280)
    page.goto(path)
    assert page.evaluate(LETTER_ROWS) == 1
    bar = page.locator(".letter-bar ul")
    assert bar.evaluate("ul => ul.scrollWidth <= ul.clientWidth")


def test_the_letter_bar_shows_on_a_phone_that_it_scrolls(look_page):
    page = look_page(390)
    page.goto("/glossary/")
    images = page.locator(".letter-bar ul").evaluate("ul => getComputedStyle(ul).backgroundImage")
    assert images.count("gradient") == 4, images  # the edge shadows and their covers


def test_the_index_lists_letters_in_columns_at_1280(look_page):
    page = look_page(1280)
    page.goto("/glossary/")
    lefts = page.evaluate(
        "() => new Set([...document.querySelectorAll('.letter-group')].map((g) => Math.round(g.getBoundingClientRect().left))).size"
    )
    assert lefts >= 2
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 3000, height


MEASURE = """(e) => {
  const style = getComputedStyle(e);
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = e.textContent.trim();
  return e.getBoundingClientRect().width / (context.measureText(text).width / text.length);
}"""


@pytest.mark.parametrize("path", ["/blog/", "/blog/author/maya-lindqvist/"])
def test_blog_excerpts_keep_a_readable_measure(look_page, path):
    page = look_page(1280)
    page.goto(path)
    characters = page.locator(".article-card__excerpt").first.evaluate(MEASURE)
    assert 55 <= characters <= 80, characters


@pytest.mark.parametrize("path", ["/", "/glossary/", "/glossary/letter/d/", "/blog/", "/search/?q=scal"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_reader_lists_fit_the_viewport(look_page, path, width):
    page = look_page(width)
    _goto(page, "", path)
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= width, found
    assert not found["wide"], found
