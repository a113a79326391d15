"""django-axes' lockout screens are for superusers only: editors never see them,
even with a permission granted (glossary_site/editorial/admin_site.py)."""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client

SCREENS = ["/admin/axes/accessattempt/", "/admin/axes/accessfailurelog/", "/admin/axes/accesslog/"]
NAMES = ["Access attempts", "Access failures", "Access logs"]


@pytest.fixture
def attempt(db):
    return AccessAttempt.objects.create(username="mallory", ip_address="192.0.2.7", failures_since_start=5)


@pytest.fixture
def granted_editor(db, django_user_model):
    """An editor whose group was given every permission of axes, by mistake."""
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw", is_staff=True)
    group = Group.objects.get(name="Editors")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", SCREENS)
def test_an_editor_gets_403_on_the_lockout_screens_even_with_the_permission(granted_editor, attempt, url):
    assert granted_editor.get(url).status_code == 403


def test_an_editor_cannot_open_or_delete_a_lockout_record(granted_editor, attempt):
    base = f"/admin/axes/accessattempt/{attempt.pk}"
    assert granted_editor.get(f"{base}/change/").status_code == 403
    assert granted_editor.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_an_editor_sees_no_lockout_screen_on_the_index_or_in_the_sidebar(granted_editor, make_term):
    index = granted_editor.get("/admin/").content.decode()
    term = make_term()
    page = BeautifulSoup(granted_editor.get(f"/admin/terms/term/{term.pk}/change/").content, "html.parser")
    sidebar = page.select_one("#nav-sidebar").get_text(" ", strip=True)
    for name in NAMES:
        assert name not in index and name not in sidebar
    assert "/admin/axes/" not in index


@pytest.mark.parametrize("url", SCREENS)
def test_a_superuser_still_opens_the_lockout_screens(admin_client, attempt, url):
    assert admin_client.get(url).status_code == 200


def test_a_superuser_still_finds_them_on_the_index_and_can_unlock(admin_client, attempt):
    index = admin_client.get("/admin/").content.decode()
    assert all(name in index for name in NAMES)
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
