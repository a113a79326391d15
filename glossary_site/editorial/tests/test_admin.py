"""The admin as an editor uses it."""

from datetime import timedelta

from django.utils import timezone

from terms.models import Term


def test_term_list_shows_title_status_date_and_public_tick(make_term, admin_page):
    make_term(title="Shown term")
    page = admin_page("/admin/terms/term/")
    headers = [th.get_text(strip=True) for th in page.select("#result_list thead th")]
    assert headers[1:] == ["Title", "Status", "Published at", "Public"]
    row = page.select_one("#result_list tbody tr").get_text(" ", strip=True)
    assert "Shown term" in row and "Published" in row
    assert page.select_one("#result_list tbody img[alt=True]")


def test_change_form_has_the_markdown_editor_and_no_html_field(make_term, admin_page):
    term = make_term()
    page = admin_page(f"/admin/terms/term/{term.pk}/change/")
    editor = page.select_one("textarea.markdownx-editor[name=body]")
    # Our sanitising endpoint, told which term this is: a page never links to itself.
    assert editor["data-markdownx-urls-path"] == f"/markdownx/markdownify/?own_term={term.pk}"
    assert page.select_one(".markdownx-preview") is not None
    assert page.select_one("[name=body_html]") is None
    assert page.select_one("[name=reading_time]") is None
    assert any("prose" in link["href"] for link in page.select("link[rel=stylesheet]"))


def test_saving_in_the_admin_renders_the_body(db, admin_client):
    response = admin_client.post(
        "/admin/terms/term/add/",
        {
            "title": "Webhook",
            "slug": "webhook",
            "summary": "A callback over HTTP.",
            "body": "## How it works\n\nIt calls you.",
            "status": "published",
            "published_at_0": "2024-01-02",
            "published_at_1": "10:00:00",
            "link_automatically": "on",
            "match_case": "auto",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    assert Term.objects.get(slug="webhook").body_html.startswith('<h2 id="how-it-works">')


def test_publish_and_unpublish_actions(make_term, admin_client):
    draft = make_term(status="draft", published_at=timezone.now() - timedelta(days=30))
    live = make_term(published_at=timezone.now() - timedelta(days=5))
    url = "/admin/terms/term/"

    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk, live.pk]})
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.is_published and draft.published_at > timezone.now() - timedelta(minutes=1)
    assert live.published_at < timezone.now() - timedelta(days=4), "an already public item keeps its date"

    admin_client.post(
        url, {"action": "unpublish", "_selected_action": [draft.pk], "confirm_unpublish": "yes"}
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_article_admin_has_the_same_editor(make_article, admin_page):
    article = make_article()
    page = admin_page(f"/admin/articles/article/{article.pk}/change/")
    assert page.select_one("textarea.markdownx-editor[name=body]")


def test_the_admin_is_named_for_the_site_and_keeps_lockouts_out_of_the_sidebar(admin_page, make_term):
    term = make_term()
    page = admin_page(f"/admin/terms/term/{term.pk}/change/")
    assert page.select_one("#site-name").get_text(strip=True) == "DevTerms editors"
    sidebar = page.select_one("#nav-sidebar").get_text(" ", strip=True)
    assert "Terms" in sidebar and "Access attempts" not in sidebar
    index = admin_page("/admin/")
    types = index.find("h2", string="All content types").find_parent("section")
    apps = [strong.get_text(strip=True).rstrip(":") for strong in types.select("p strong")]
    # Still there for the operator, after the content.
    assert apps[-2:] == ["Axes", "Tasks Database Backend"], apps
