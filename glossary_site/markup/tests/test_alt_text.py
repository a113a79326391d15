"""Alt text before publishing: an image with no alt text, or the upload's placeholder
"Describe this image", blocks publishing with a clear message; a draft may be saved
with it (glossary_site/markup/alt_text.py, glossary_site/editorial/alt_text.py)."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup.alt_text import images_without_alt
from terms.models import Term

ADD = "/admin/terms/term/add/"
LIST = "/admin/terms/term/"
PLACEHOLDER_BODY = "## Diagram\n\n![Describe this image](/media/uploads/abc.png)"


def form(status, body, **extra):
    return {
        "title": "Webhook",
        "slug": "webhook",
        "summary": "A callback over HTTP.",
        "body": body,
        "status": status,
        "published_at_0": "2024-01-02",
        "published_at_1": "10:00:00",
        "link_automatically": "on",
        "match_case": "auto",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ("![Describe this image](/media/a.png)", ["/media/a.png"]),
        ("![  describe THIS image ](/media/a.png)", ["/media/a.png"]),
        ("![](/media/a.png) and ![ ](/media/b.png)", ["/media/a.png", "/media/b.png"]),
        ("![][diagram]\n\n[diagram]: /media/a.png", ["diagram"]),
        ("![A queue of three jobs](/media/a.png)", []),
        ("![Describe this image as a queue](/media/a.png)", []),
        ("In Markdown, `![](x.png)` shows an image.\n\n```\n![](y.png)\n```", []),
        ("[link text](/glossary/api/)", []),
    ],
)
def test_images_without_alt_text_are_found_and_the_placeholder_counts_as_none(body, missing):
    assert images_without_alt(body) == missing


def test_publishing_with_the_placeholder_is_refused_and_keeps_the_text(admin_client, db):
    response = admin_client.post(ADD, form("published", PLACEHOLDER_BODY))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    error = page.select_one(".field-body .errorlist").get_text()
    assert "1 image(s) have no alt text (/media/uploads/abc.png)" in error
    assert "“Describe this image” is the upload's prompt, not alt text" in error
    assert page.select_one("textarea[name=body]").get_text().strip() == PLACEHOLDER_BODY
    assert not Term.objects.exists()


def test_publishing_with_a_missing_alt_text_is_refused_the_same_way(admin_client, db):
    response = admin_client.post(ADD, form("published", "![](/media/uploads/abc.png)"))
    assert response.status_code == 200
    assert "1 image(s) have no alt text" in response.content.decode()
    assert not Term.objects.exists()


def test_a_draft_with_the_placeholder_may_be_saved(admin_client, db):
    response = admin_client.post(ADD, form("draft", PLACEHOLDER_BODY))
    assert response.status_code == 302
    assert Term.objects.get().status == "draft"


def test_real_alt_text_publishes(admin_client, db):
    response = admin_client.post(ADD, form("published", "![A queue of three jobs](/media/uploads/abc.png)"))
    assert response.status_code == 302
    assert Term.objects.get().is_published


def test_a_live_page_cannot_take_in_the_placeholder(admin_client, make_term):
    term = make_term(title="Webhook", slug="webhook", body="Fine.")
    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/", form("published", PLACEHOLDER_BODY, base_version=term.version)
    )
    assert response.status_code == 200
    assert "have no alt text" in response.content.decode()
    term.refresh_from_db()
    assert term.body == "Fine."


def test_the_publish_action_leaves_a_draft_with_the_placeholder_as_a_draft(admin_client, make_term):
    blocked = make_term(title="Blocked", status="draft", body=PLACEHOLDER_BODY)
    fine = make_term(title="Fine", status="draft", body="No images.")

    response = admin_client.post(
        LIST, {"action": "publish", "_selected_action": [blocked.pk, fine.pk]}, follow=True
    )

    assert "1 item(s) published." in response.content.decode()
    assert "Left as drafts, because an image in them has no alt text: Blocked." in response.content.decode()
    blocked.refresh_from_db()
    fine.refresh_from_db()
    assert (blocked.status, fine.status) == ("draft", "published")
