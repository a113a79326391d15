"""Review links: a draft or a scheduled change shown to people without an account
(glossary_site/editorial/review.py), made and revoked in the admin."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from glossary_site.editorial import review, scheduling
from glossary_site.editorial.models import ReviewLink
from glossary_site.serving import pagecache
from glossary_site.serving.models import StoredPage
from terms.models import Term


def make_link(editor_client, item):
    """Press "Make a review link" on the item's admin page; the address it shows."""
    response = editor_client.post(f"/admin/terms/term/{item.pk}/review-link/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    address = page.select_one("#review-address")["value"]
    return re.sub(r"^https?://[^/]+", "", address)


@pytest.fixture
def draft(make_term):
    return make_term(
        title="Idempotency key",
        slug="idempotency-key",
        summary="A key that makes a retried request safe.",
        body="## Why\n\nA retry must not charge twice.",
        status=Term.Status.DRAFT,
    )


def test_a_draft_review_link_shows_the_draft_to_someone_without_an_account(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    assert path.startswith("/review/")

    response = reader.get(path)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Idempotency key"
    assert "A retry must not charge twice." in page.select_one(".prose").get_text()
    banner = page.select_one(".draft-banner").get_text(" ", strip=True)
    assert banner.startswith("Preview — not public.") and "draft" in banner
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert not page.select(".staff-edit")  # nothing for staff on a page for anyone


def test_the_public_still_gets_404_for_the_draft_itself(editor_client, reader, draft):
    make_link(editor_client, draft)
    assert reader.get("/glossary/idempotency-key/").status_code == 404


def test_only_a_hash_of_the_token_is_stored(editor_client, draft):
    token = make_link(editor_client, draft).split("/")[2]
    link = ReviewLink.objects.get()
    assert len(token) >= 40
    assert token not in {str(value) for value in link.__dict__.values()}
    assert review.active(token) == link


def test_the_link_keeps_showing_its_revision_after_later_edits(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    draft.body = "## Why\n\nRewritten after the link was sent."
    draft.save()

    text = BeautifulSoup(reader.get(path).content, "html.parser").select_one(".prose").get_text()

    assert "A retry must not charge twice." in text
    assert "Rewritten" not in text


def test_a_review_page_serves_the_render_made_with_the_link_and_renders_nothing(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    link = ReviewLink.objects.get()
    # The revision's own text changed under the link: a page rendered per request
    # would show it; the stored render does not.
    Term.history.filter(history_id=link.history_id).update(body="## Why\n\nRendered on request.")

    page = BeautifulSoup(reader.get(path).content, "html.parser")

    assert "A retry must not charge twice." in page.select_one(".prose").get_text()
    assert "Rendered on request." not in page.get_text()
    assert page.select_one(".prose h2#why") is not None


def test_a_scheduled_change_link_shows_the_change_while_the_page_stays_as_it_is(
    editor, editor_client, reader, make_term
):
    term = make_term(title="Ledger", slug="ledger", body="The old text.")
    term.body = "The new text, for next week."
    due = timezone.now() + timedelta(days=7)
    scheduling.schedule(term, due, False, editor)

    path = make_link(editor_client, Term.objects.get(pk=term.pk))

    page = BeautifulSoup(reader.get(path).content, "html.parser")
    assert "The new text, for next week." in page.select_one(".prose").get_text()
    assert "scheduled to go public" in page.select_one(".draft-banner").get_text()
    public = BeautifulSoup(reader.get("/glossary/ledger/").content, "html.parser")
    assert "The old text." in public.select_one(".prose").get_text()


def test_a_public_page_without_a_scheduled_change_gets_no_link(editor_client, make_term):
    term = make_term(title="Public one")
    response = editor_client.post(f"/admin/terms/term/{term.pk}/review-link/", follow=True)
    assert "share its own address" in response.content.decode()
    assert not ReviewLink.objects.exists()


def test_an_expired_link_is_404(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    ReviewLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert reader.get(path).status_code == 404


def test_links_expire_after_the_configured_days(settings, editor_client, draft):
    settings.REVIEW_LINK_DAYS = 2
    make_link(editor_client, draft)
    left = ReviewLink.objects.get().expires_at - timezone.now()
    assert timedelta(days=2) - timedelta(minutes=1) < left <= timedelta(days=2)


def test_revoking_in_the_admin_makes_the_link_404_on_the_next_request(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    assert reader.get(path).status_code == 200
    link = ReviewLink.objects.get()

    response = editor_client.post(
        "/admin/glossary_site/reviewlink/",
        {"action": "revoke", "_selected_action": [link.pk]},
        follow=True,
    )

    assert "1 review link(s) revoked" in response.content.decode()
    assert reader.get(path).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 300])
def test_an_unknown_token_is_404(reader, db, token):
    assert reader.get(f"/review/{token}/").status_code == 404


def test_a_review_page_is_never_cached_or_stored(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    first = reader.get(path)
    second = reader.get(path)

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert not pagecache._recent.pages  # nothing kept in this process
    assert not StoredPage.objects.filter(path=path).exists()
    # The second request still asks the database: a revoke shows at once.
    ReviewLink.objects.update(revoked_at=timezone.now())
    assert reader.get(path).status_code == 404


def test_a_draft_with_a_review_link_is_in_no_sitemap_feed_or_search(editor_client, reader, draft):
    path = make_link(editor_client, draft)
    for address in ("/sitemap.xml", "/sitemap-terms.xml", "/glossary/feed/", "/search/?q=idempotency"):
        text = reader.get(address).content.decode()
        assert "idempotency-key" not in text, address
        assert path not in text, address


def test_the_review_page_goes_through_the_sanitising_renderer(editor_client, reader, make_term):
    term = make_term(
        title="Hostile",
        status=Term.Status.DRAFT,
        body='Safe words. <script>alert(1)</script><img src=x onerror="alert(2)">',
    )
    html = reader.get(make_link(editor_client, term)).content.decode()
    assert "Safe words." in html
    assert "alert(1)" not in html and "onerror" not in html


def test_someone_without_an_account_cannot_make_a_link(reader, draft):
    response = reader.post(f"/admin/terms/term/{draft.pk}/review-link/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ReviewLink.objects.exists()


def test_the_review_links_screen_lists_item_revision_maker_and_state(editor_client, draft):
    make_link(editor_client, draft)
    page = BeautifulSoup(editor_client.get("/admin/glossary_site/reviewlink/").content, "html.parser")
    headers = [th.get_text(strip=True) for th in page.select("#result_list thead th")][1:]
    assert headers == ["Item", "Revision", "Created by", "Created at", "Expires at", "State"]
    row = page.select_one("#result_list tbody tr").get_text(" ", strip=True)
    cells = [td.get_text(strip=True) for td in page.select("#result_list tbody tr > *")]
    assert "Idempotency key" in row and "Version 1 (draft)" in cells and "ed" in cells and "Active" in cells


def test_the_button_is_offered_for_drafts_and_not_for_plain_public_pages(editor_client, draft, make_term):
    public = make_term(title="Public one")
    button = "Make a review link"
    assert button in editor_client.get(f"/admin/terms/term/{draft.pk}/change/").content.decode()
    assert button not in editor_client.get(f"/admin/terms/term/{public.pk}/change/").content.decode()


def test_an_articles_draft_is_shown_with_its_byline_through_the_blogs_template(
    editor_client, reader, make_article
):
    from articles.models import Author

    author = Author.objects.create(name="Maya Lindqvist", slug="maya-lindqvist")
    article = make_article(title="Ledgers at scale", status="draft", author=author, body="Draft words.")
    response = editor_client.post(f"/admin/articles/article/{article.pk}/review-link/")
    address = BeautifulSoup(response.content, "html.parser").select_one("#review-address")["value"]

    page = BeautifulSoup(reader.get(re.sub(r"^https?://[^/]+", "", address)).content, "html.parser")

    assert page.h1.get_text() == "Ledgers at scale"
    assert page.select_one(".byline").get_text(" ", strip=True) == "By Maya Lindqvist"
    assert "Draft words." in page.select_one(".prose").get_text()


def test_a_review_page_sends_no_referer_on_not_even_to_this_site(editor_client, reader, draft, client):
    path = make_link(editor_client, draft)

    assert reader.get(path)["Referrer-Policy"] == "no-referrer"
    assert client.get("/")["Referrer-Policy"] == "strict-origin-when-cross-origin", "other pages keep theirs"
