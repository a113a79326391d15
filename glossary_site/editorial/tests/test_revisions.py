"""Revisions: every save keeps one, the history shows readable diffs, any revision
can be restored, and deleted items can be recovered."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import ADDITION, LogEntry

from articles.models import Article
from terms.models import Term


def page_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def edit(term, **changes):
    for name, value in changes.items():
        setattr(term, name, value)
    term.save()
    return term.history.first()


def test_every_save_keeps_a_revision_with_who_and_what(make_term, admin_client, admin_user):
    term = make_term(body="First.")
    response = admin_client.post(
        f"/admin/terms/term/{term.pk}/change/",
        {
            "title": term.title,
            "slug": term.slug,
            "summary": term.summary,
            "body": "Second.",
            "status": "published",
            "published_at_0": term.published_at.strftime("%Y-%m-%d"),
            "published_at_1": term.published_at.strftime("%H:%M:%S"),
            "base_version": term.version,
            "link_automatically": "on",
            "match_case": "auto",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302

    latest, first = term.history.all()[:2]
    assert (latest.body, latest.history_user, latest.history_type) == ("Second.", admin_user, "~")
    assert (first.body, first.history_type) == ("First.", "+")


def test_history_page_shows_editor_and_an_escaped_diff_of_the_body(make_term, admin_client):
    term = make_term(body="## Intro\n\nPlain text.\n")
    edit(term, body="## Intro\n\nPlain text.\n\n<script>alert(1)</script>\n")

    page = page_of(admin_client.get(f"/admin/terms/term/{term.pk}/history/"))

    rows = page.select("tr.revision")
    assert len(rows) == 2
    newest = rows[0]
    assert newest.select_one("summary").get_text() == "Body"
    added = [span.get_text() for span in newest.select(".diff-added")]
    assert "+ <script>alert(1)</script>" in added
    assert page.select("#change-history script") == [], "editor HTML is text in the diff, never markup"
    assert rows[-1].get_text(" ", strip=True).endswith("First revision")


def test_restoring_a_revision_brings_the_text_back_as_a_new_revision(make_term, admin_client, admin_user):
    term = make_term(title="Ledger", body="Original body.", status="published")
    original = term.history.first()
    edit(term, body="Rewritten body.", summary="New summary.")

    page = page_of(admin_client.get(f"/admin/terms/term/{term.pk}/history/{original.history_id}/"))
    assert page.find("input", attrs={"value": "Restore this revision"})
    assert "− Rewritten body." in page.get_text()

    response = admin_client.post(f"/admin/terms/term/{term.pk}/history/{original.history_id}/", follow=True)

    term.refresh_from_db()
    assert (term.body, term.summary, term.status) == ("Original body.", original.summary, "published")
    assert term.history.count() == 3
    assert term.history.first().history_change_reason.startswith("Restored the revision of")
    assert (
        LogEntry.objects.get(object_id=str(term.pk), user=admin_user)
        .get_change_message()
        .startswith("Restored the revision of")
    )
    assert "Restored the revision of" in page_of(response).select_one(".messagelist").get_text()


def test_restore_is_refused_when_the_old_address_now_belongs_to_another_item(make_term, admin_client):
    term = make_term(slug="old-address")
    original = term.history.first()
    edit(term, slug="new-address")
    make_term(slug="old-address")

    response = admin_client.post(f"/admin/terms/term/{term.pk}/history/{original.history_id}/", follow=True)

    assert "now belongs to another item" in response.content.decode()
    assert Term.objects.get(pk=term.pk).slug == "new-address"


def test_a_deleted_term_is_listed_and_recovered_as_a_draft(make_term, admin_client):
    term = make_term(title="Gone term", slug="gone-term", body="Kept text.")
    pk = term.pk
    term.delete()

    page = page_of(admin_client.get("/admin/terms/term/deleted/"))
    row = page.find("th", string="Gone term").parent
    assert row.find("button", string="Recover")
    action = row.find("form")["action"]

    response = admin_client.post(action, follow=True)

    recovered = Term.objects.get(pk=pk)
    assert (recovered.slug, recovered.body, recovered.status) == ("gone-term", "Kept text.", "draft")
    assert "is back, as a draft" in response.content.decode()
    assert LogEntry.objects.filter(object_id=str(pk), action_flag=ADDITION).exists()
    assert "Gone term" not in admin_client.get("/admin/terms/term/deleted/").content.decode()


def test_the_term_list_links_to_deleted_terms(admin_client, db):
    page = page_of(admin_client.get("/admin/terms/term/"))
    assert page.find("a", string="Deleted terms")["href"] == "/admin/terms/term/deleted/"


def test_article_revisions_keep_the_byline(make_article, admin_client):
    from articles.models import Author

    article = make_article(author=Author.objects.create(name="Maya", slug="maya"))
    first = article.history.first()
    article.author = None
    article.save()

    admin_client.post(f"/admin/articles/article/{article.pk}/history/{first.history_id}/")

    assert Article.objects.get(pk=article.pk).author.name == "Maya"


def test_only_editors_with_change_permission_may_restore(make_term, client, django_user_model):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("reader", "r@example.com", "pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_term"))
    client.force_login(reader)
    term = make_term(body="Before.")
    first = term.history.first()
    edit(term, body="After.")

    page = page_of(client.get(f"/admin/terms/term/{term.pk}/history/{first.history_id}/"))

    assert not page.find("input", attrs={"value": "Restore this revision"})
    assert client.post(f"/admin/terms/term/{term.pk}/history/{first.history_id}/").status_code == 403
    assert Term.objects.get(pk=term.pk).body == "After."


@pytest.mark.parametrize("url", ["/admin/terms/term/deleted/", "/admin/articles/article/deleted/"])
def test_deleted_lists_say_when_there_is_nothing_to_recover(admin_client, db, url):
    assert "to recover" in page_of(admin_client.get(url)).select_one("#content-main").get_text()
