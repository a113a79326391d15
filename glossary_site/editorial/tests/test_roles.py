"""The Editors group: content work and publishing, nothing else."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from glossary_site.content.models import SlugRedirect
from terms.models import Term


def test_the_editors_group_can_write_and_publish_content_and_nothing_else(db):
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_term", "change_term", "view_term", "publish_term"} <= codenames
    assert {"add_article", "change_article", "view_article", "publish_article"} <= codenames
    assert {"add_termalias", "add_tag", "change_author"} <= codenames
    assert not {c for c in codenames if c.startswith("delete_")}
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission", "_logentry"))}


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"])
def test_an_editor_cannot_open_users_or_groups(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_an_editor_sees_only_content_in_the_admin_index(editor_client):
    page = editor_client.get("/admin/").content.decode()
    assert "Terms" in page and "Articles" in page
    assert "/admin/auth/user/" not in page and "/admin/auth/group/" not in page


def test_an_editor_can_add_and_save_a_term(editor_client):
    response = editor_client.post(
        "/admin/terms/term/add/",
        {
            "title": "Webhook",
            "slug": "webhook",
            "summary": "A callback over HTTP.",
            "body": "## How it works\n\nIt calls you.",
            "status": "draft",
            "published_at_0": "2024-01-02",
            "published_at_1": "10:00:00",
            "link_automatically": "on",
            "match_case": "auto",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    assert Term.objects.get(slug="webhook").history.first().history_user.username == "ed"


def test_an_editor_can_publish_but_not_delete(editor_client, make_term):
    draft = make_term(status="draft")
    page = editor_client.get("/admin/terms/term/").content.decode()
    assert 'value="publish"' in page and 'value="delete_selected"' not in page

    editor_client.post("/admin/terms/term/", {"action": "publish", "_selected_action": [draft.pk]})

    assert Term.objects.published().filter(pk=draft.pk).exists()
    assert editor_client.get(f"/admin/terms/term/{draft.pk}/delete/").status_code == 403


def test_staff_without_the_publish_permission_cannot_publish(client, django_user_model, make_term):
    from django.contrib.auth.models import Permission

    writer = django_user_model.objects.create_user("writer", "w@example.com", "pw", is_staff=True)
    writer.user_permissions.add(*Permission.objects.filter(codename__in=["view_term", "change_term"]))
    client.force_login(writer)
    draft = make_term(status="draft")

    page = client.get("/admin/terms/term/").content.decode()
    form = client.get(f"/admin/terms/term/{draft.pk}/change/").content.decode()

    assert 'value="publish"' not in page and 'value="schedule"' not in page
    assert 'name="status"' not in form, "the state is shown, not editable"


def test_an_editor_sees_old_public_addresses_and_what_each_answers(editor_client, make_term):
    gone = make_term(title="Rate limiting", slug="rate-limiting")
    gone.delete()
    moved = make_term(title="API", slug="apis")
    moved.slug = "api"
    moved.save()

    page = BeautifulSoup(editor_client.get("/admin/glossary_site/slugredirect/").content, "html.parser")

    rows = {
        " ".join(row.select_one(".field-address").get_text().split()): " ".join(
            row.select_one(".field-answer").get_text().split()
        )
        for row in page.select("#result_list tbody tr")
    }
    assert rows == {
        "/glossary/rate-limiting/": "410 Gone (deleted)",
        "/glossary/apis/": "301 to /glossary/api/",
    }


def test_an_editor_sets_a_replacement_for_a_deleted_page(editor_client, make_term, client):
    make_term(title="Rate limiting", slug="rate-limiting").delete()
    row = SlugRedirect.objects.get(old_slug="rate-limiting")
    url = f"/admin/glossary_site/slugredirect/{row.pk}/change/"

    refused = editor_client.post(url, {"replacement": "https://elsewhere.example/"})
    assert "Give an address on this site" in refused.content.decode()

    assert editor_client.post(url, {"replacement": "/glossary/throttling/"}).status_code == 302
    client.logout()
    response = client.get("/glossary/rate-limiting/")
    assert (response.status_code, response["Location"]) == (301, "/glossary/throttling/")


def test_an_editor_cannot_add_or_delete_slug_redirects(editor_client, make_term):
    make_term(slug="gone").delete()
    row = SlugRedirect.objects.get(old_slug="gone")
    assert editor_client.get("/admin/glossary_site/slugredirect/add/").status_code == 403
    assert (
        editor_client.post(f"/admin/glossary_site/slugredirect/{row.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert SlugRedirect.objects.filter(pk=row.pk).exists()
