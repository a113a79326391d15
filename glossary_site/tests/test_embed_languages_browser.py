"""The hovercards on a partner's page in another language: the page's <html lang>, or
the script tag's data-lang, chooses the language of the definitions, falling back to
the source language for a term not translated into it.

The glossary answers in this process (Django's test client, the test's database with
three languages): Chromium's requests to its origin are handed to it as they are."""

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GLOSSARY, PARTNER = "http://glossary.test", "http://partner.test/"
PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Partner</title></head>
<body><main><h1>Partner</h1>
<p><a href="{glossary}/glossary/deployment/">Deployment</a>,
<a href="{glossary}/glossary/ledger/">Ledger</a></p></main>
<script src="{glossary}/embed/glossary.js" {attribute} defer></script>
</body></html>"""


@pytest.fixture
def glossary(transactional_db, settings, make_term):
    # Transactional: Playwright's callbacks read the database outside the test's
    # transaction. The tables are emptied afterwards, so the scheduler runs this
    # module after its process's database tests (glossary_site/testing/parallel.py).
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    settings.ALLOWED_HOSTS = ["glossary.test"]
    deployment = make_term(title="Deployment", slug="deployment", summary="Shipping a release.")
    for language, title, slug, summary in [
        ("de", "Bereitstellung", "bereitstellung", "Eine neue Version ausliefern."),
        ("ja", "デプロイメント", "デプロイメント", "新しいバージョンを本番環境に反映すること。"),
    ]:
        make_term(
            title=title,
            slug=slug,
            summary=summary,
            language=language,
            translation_key=deployment.translation_key,
            translated_from=1,
        )
    make_term(title="Ledger", slug="ledger", summary="A book of accounts.")


def open_partner(browser, lang, attribute=""):
    client = Client(SERVER_NAME="glossary.test")

    def glossary(route):
        url = route.request.url[len(GLOSSARY) :]
        answer = client.get(url, follow=True)  # the API's 301 to a translation, followed here
        headers = {key: value for key, value in answer.items() if key.lower() != "content-length"}
        route.fulfill(status=answer.status_code, headers=headers, body=answer.content)

    def partner(route):
        page = PAGE.format(lang=lang, attribute=attribute, glossary=GLOSSARY)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page)

    context = browser.new_context()
    context.set_default_timeout(10_000)
    context.route(f"{GLOSSARY}/**", glossary)
    context.route(PARTNER, partner)
    page = context.new_page()
    page.goto(PARTNER)
    return context, page


def card_after_focusing(page, name):
    page.get_by_role("link", name=name).focus()
    card = page.locator("glossary-hovercard").locator(".card")
    expect(card).to_be_visible()
    return card


def test_a_german_page_shows_the_german_definition_and_falls_back_to_english(
    transactional_db, glossary, browser
):
    context, page = open_partner(browser, "de-DE")
    try:
        card = card_after_focusing(page, "Deployment")
        expect(card.locator(".title")).to_have_text("Bereitstellung")
        expect(card.locator(".summary")).to_have_text("Eine neue Version ausliefern.")
        expect(card).to_have_attribute("lang", "de")

        page.keyboard.press("Escape")
        card = card_after_focusing(page, "Ledger")
        expect(card.locator(".title")).to_have_text("Ledger")
        expect(card).to_have_attribute("lang", "en")
    finally:
        context.close()


def test_the_script_tags_data_lang_wins_over_the_pages_language(transactional_db, glossary, browser):
    context, page = open_partner(browser, "en", attribute='data-lang="ja"')
    try:
        card = card_after_focusing(page, "Deployment")
        expect(card.locator(".title")).to_have_text("デプロイメント")
    finally:
        context.close()


def test_a_page_in_a_language_the_glossary_lacks_gets_the_source(transactional_db, glossary, browser):
    context, page = open_partner(browser, "fr")
    try:
        card = card_after_focusing(page, "Deployment")
        expect(card.locator(".title")).to_have_text("Deployment")
    finally:
        context.close()
