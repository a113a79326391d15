"""Fixtures for the editorial tests: a reader beside the editors, and admin pages."""

import pytest
from django.test import Client


@pytest.fixture
def reader():
    """Someone with no account, on a client of their own."""
    return Client()


@pytest.fixture
def admin_page(client, admin_user, visit):
    """GET an admin page as a superuser; the page parsed."""
    client.force_login(admin_user)
    return visit
