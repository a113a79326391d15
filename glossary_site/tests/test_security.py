"""Secure by default: headers, cookies, production settings, the admin's address,
login throttling, the admin's audit trail and what an uploaded file becomes."""

import io
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.views.static import serve
from PIL import Image

from glossary_site.testing.servers import PROJECT_ROOT
from terms.models import Term

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-1"
FORBIDDEN_CSP_WORDS = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:")


def run_manage(*args, **env):
    """manage.py in a subprocess with this environment on top of a clean, local one."""
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**base, "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_env(**extra):
    return {
        "DJANGO_SECURE": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "example.com",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://example.com",
        "SITE_URL": "https://example.com",
        **extra,
    }


def csp_directives(header):
    return dict(
        (name, values) for name, _, values in (part.strip().partition(" ") for part in header.split(";"))
    )


# --- Headers and cookies -------------------------------------------------------


def test_public_page_sends_the_security_headers(db, client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_content_security_policy_allows_only_our_own_scripts_and_styles(db, client):
    header = client.get("/")["Content-Security-Policy"]
    directives = csp_directives(header)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].split()[0] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    for word in FORBIDDEN_CSP_WORDS:
        assert word not in header.split(), header


def test_admin_pages_carry_a_fresh_nonce_for_their_scripts(admin_client):
    nonces = set()
    for _ in range(2):
        response = admin_client.get("/admin/terms/term/add/")
        assert response.status_code == 200
        script_src = csp_directives(response["Content-Security-Policy"])["script-src"]
        nonce = re.fullmatch(r"'self' 'nonce-([\w-]+)'", script_src)
        if nonce:
            assert f'nonce="{nonce[1]}"' in response.content.decode()
            nonces.add(nonce[1])
    assert len(nonces) == 2, "each response has a nonce of its own"


@pytest.mark.parametrize("name", ["500.html", "503.html"])
def test_static_error_pages_need_no_inline_style_or_script(name):
    page = (PROJECT_ROOT / "templates" / name).read_text()
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select("style, script, [style]"), "the policy would block them"
    assert soup.select_one('link[rel=stylesheet][href="/static/css/error.css"]')
    assert (PROJECT_ROOT / "static" / "css" / "error.css").exists()


def test_session_and_csrf_cookies_are_http_only_and_same_site(db, client, django_user_model):
    django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    csrf = client.get(LOGIN).cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="example.com")
plain = client.get("/admin/login/")
secure = client.get("/admin/login/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "hsts": secure.get("Strict-Transport-Security"),
    "csrf_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"]),
                    "samesite": cookie["samesite"]},
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "session_cookie_samesite": settings.SESSION_COOKIE_SAMESITE,
}))
"""


def test_production_settings_redirect_to_https_send_hsts_and_secure_cookies():
    result = run_manage("shell", "-c", PRODUCTION_PROBE, **production_env())
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain_status"] == 301 and seen["plain_location"] == "https://example.com/admin/login/"
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert seen["session_cookie_secure"] and seen["session_cookie_httponly"]
    assert seen["session_cookie_samesite"] == "Lax"


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_warns_when_production_security_is_left_off():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(DJANGO_SECURE="0"))
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr, result.stderr


def test_check_deploy_warns_when_the_public_address_is_not_pinned():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(SITE_URL=""))
    assert result.returncode != 0
    assert "glossary.W001" in result.stderr, result.stderr


# --- The admin's address -------------------------------------------------------


def test_admin_path_comes_from_the_environment():
    probe = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_manage("shell", "-c", probe, DJANGO_DEBUG="1", DJANGO_ADMIN_PATH="staff/desk-7/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/staff/desk-7/"


@pytest.mark.parametrize("bad", ["/admin/", "admin", "ad min/", "glossary/", "../x/"])
def test_a_malformed_admin_path_stops_start_up_with_one_line(bad):
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_ADMIN_PATH=bad)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Configuration error: DJANGO_ADMIN_PATH"), lines


# --- Failed logins ---------------------------------------------------------------
# django-axes locks the pair of username and address, never the account; a username
# guessed at from many addresses slows those addresses down (editorial/login_throttle.py).


@pytest.fixture
def staff_account(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(client, username, password, address="10.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def fail_five_times(client, clock, username, address, **headers):
    """Five wrong passwords from one address, each after the wait the last one asked for."""
    for n in range(5):
        response = client.post(
            LOGIN, {"username": username, "password": f"wrong-{n}"}, REMOTE_ADDR=address, **headers
        )
        assert "Please enter the correct username" in response.content.decode() or n == 4
        clock.shift(timedelta(seconds=61))


def assert_locked_out(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "Login locked for a while" in page
    assert "15 minutes" in page
    assert "sessionid" not in response.cookies


def test_wrong_passwords_from_five_addresses_never_lock_the_owner_out(client, staff_account):
    for n in range(5):
        response = log_in(client, "editor", f"wrong-{n}", address=f"10.0.1.{n}")
        assert "Please enter the correct username" in response.content.decode()

    response = log_in(client, "editor", PASSWORD, address="10.0.1.99")

    assert response.status_code == 302, "the owner, from an address that never failed, logs in"
    assert client.get("/admin/").status_code == 200


def test_five_failures_from_one_address_lock_that_address_out_of_that_account(client, clock, staff_account):
    fail_five_times(client, clock, "editor", "10.0.2.1")

    assert_locked_out(log_in(client, "editor", PASSWORD, address="10.0.2.1"))
    response = log_in(client, "editor", PASSWORD, address="10.0.2.2")
    assert response.status_code == 302, "the same account from another address is not locked"


def test_an_address_that_failed_for_a_username_under_attack_waits_before_trying_it_again(
    client, clock, staff_account
):
    from axes.models import AccessAttempt

    for n in range(3):
        log_in(client, "editor", "wrong", address=f"10.0.5.{n}")

    again = log_in(client, "editor", "another-guess", address="10.0.5.0")
    owner = Client()

    assert again.status_code == 200
    message = BeautifulSoup(again.content, "html.parser").select_one(".errornote").get_text()
    assert re.search(r"try again in (5\d|60) s\.", message), message
    assert sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == 3, "not counted"
    assert log_in(owner, "editor", PASSWORD, address="10.0.5.99").status_code == 302
    clock.shift(timedelta(seconds=61))
    assert log_in(client, "editor", PASSWORD, address="10.0.5.0").status_code == 302


def test_unlocking_with_the_management_command_lets_the_editor_in(client, clock, staff_account):
    fail_five_times(client, clock, "editor", "10.0.3.1")
    assert_locked_out(log_in(client, "editor", PASSWORD, address="10.0.3.1"))

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    assert log_in(client, "editor", PASSWORD, address="10.0.3.1").status_code == 302


def test_a_superuser_unlocks_an_account_in_the_admin(client, clock, admin_client, staff_account):
    from axes.models import AccessAttempt

    fail_five_times(client, clock, "editor", "10.0.4.1")
    assert_locked_out(log_in(client, "editor", PASSWORD, address="10.0.4.1"))
    attempts = list(AccessAttempt.objects.filter(username="editor").values_list("pk", flat=True))
    assert attempts

    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor" in listing.content.decode()
    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302

    assert log_in(client, "editor", PASSWORD, address="10.0.4.1").status_code == 302


def test_a_forwarded_address_counts_only_from_our_own_proxy(client, clock, staff_account, settings):
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]  # as an operator with a local nginx sets it
    # Five failures arrive through the proxy (127.0.0.1) on behalf of one client...
    fail_five_times(client, clock, "editor", "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    # ...so that client is locked, while the proxy's other clients are not.
    blocked = client.post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert_locked_out(blocked)
    other = client.post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert other.status_code == 302


# --- The admin's audit trail ------------------------------------------------------


def change_log(term):
    return LogEntry.objects.filter(object_id=str(term.pk), content_type__model="term")


@pytest.mark.parametrize(("action", "start"), [("publish", "draft"), ("unpublish", "published")])
def test_the_bulk_publish_actions_are_recorded_in_the_admin_log(admin_client, make_term, action, start):
    term = make_term(title="Ledger", status=start)
    before = change_log(term).count()

    # "confirm_unpublish": as after the list of what unpublishing a live page changes.
    response = admin_client.post(
        "/admin/terms/term/",
        {"action": action, "_selected_action": [term.pk], "index": "0", "confirm_unpublish": "yes"},
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.status != start
    entries = change_log(term)
    assert entries.count() == before + 1, f"the {action} action left no LogEntry"
    assert entries.first().user.username == "admin"


def test_saving_in_the_admin_is_recorded_in_the_admin_log(admin_client, make_term):
    term = make_term(title="Ledger")
    response = admin_client.get(f"/admin/terms/term/{term.pk}/history/")
    assert response.status_code == 200
    admin_client.post(
        "/admin/terms/term/",
        {"action": "delete_selected", "_selected_action": [term.pk], "post": "yes"},
    )
    assert not Term.objects.filter(pk=term.pk).exists()
    assert change_log(term).filter(action_flag=3).exists(), "deletions are logged"


# --- Uploads: never executable or HTML ---------------------------------------------


def polyglot_png():
    """A real PNG that also carries HTML and script: in a text chunk and after its end."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<html><script>alert(1)</script></html>")
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue() + b"<html><body><script>alert(2)</script></body></html>"


def test_an_uploaded_image_is_served_as_an_image_without_the_markup_it_carried(staff_client, media_root):
    upload = SimpleUploadedFile("page.html", polyglot_png(), content_type="text/html")
    response = staff_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 200
    url = re.fullmatch(r"!\[Describe this image\]\((\S+)\)", response.json()["image_code"])[1]
    assert re.fullmatch(r"/media/uploads/[0-9a-f]{32}-4x4\.png", url), url

    stored = next((media_root / "uploads").iterdir()).read_bytes()
    assert b"<script" not in stored and b"<html" not in stored
    # What /media/ serves when no proxy does (nginx's own types map is tested in test_scale_out).
    served = serve(RequestFactory().get(url), url.removeprefix("/media/"), document_root=media_root)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert staff_client.get("/")["X-Content-Type-Options"] == "nosniff"  # and browsers do not sniff


# --- Request size ----------------------------------------------------------------


def test_a_body_over_the_request_limit_is_a_413_with_a_clear_message(db, client, settings):
    settings.MAX_REQUEST_BYTES = 10_000
    response = client.post(LOGIN, {"username": "x" * 20_000, "password": "y"})
    assert response.status_code == 413
    assert "larger than" in response.content.decode()


def test_too_many_form_fields_is_a_400_not_a_500(db, client):
    fields = {f"field{n}": "x" for n in range(1200)}
    response = client.post(LOGIN, fields)
    assert response.status_code == 400
