"""Proxies are believed only when the operator names them (issue 26, finding 5):
under `make run`'s settings a local client's X-Forwarded-For is ignored, so it can
neither dodge the API's rate limit nor name the address the login throttle counts."""

import os
import subprocess
import sys

import pytest
from django.test import Client

from glossary_site.testing.servers import PROJECT_ROOT

# What `make run` starts with: no FORWARDED_ALLOW_IPS in the environment. The probe
# prints the address Django settles on for a loopback client claiming another one,
# and the proxies gunicorn itself would believe.
DEFAULT_PROBE = """
import runpy
from django.conf import settings
from django.test import RequestFactory
from gunicorn.config import Config
from glossary_site.serving.middleware import ForwardedForMiddleware

request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
ForwardedForMiddleware(lambda r: None)(request)
config = Config()
config.set("forwarded_allow_ips", runpy.run_path("gunicorn.conf.py")["forwarded_allow_ips"])
print(request.META["REMOTE_ADDR"], config.forwarded_allow_ips)
"""


def test_make_runs_settings_believe_no_forwarded_address():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "FORWARDED"))}
    env.update(DJANGO_SECRET_KEY="test-only-secret", DATABASE_URL="sqlite:///:memory:")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", DEFAULT_PROBE],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "127.0.0.1 []"


@pytest.fixture
def limited_api(make_term, settings, one_rate_window):
    make_term(title="Cache", slug="cache")
    settings.API_RATE_LIMIT = 3


def test_a_local_client_cannot_dodge_the_rate_limit_by_naming_other_addresses(limited_api, settings):
    settings.FORWARDED_ALLOW_IPS = []  # the default
    client = Client(REMOTE_ADDR="127.0.0.1")
    for _ in range(3):
        assert client.get("/api/terms/cache/").status_code == 200

    spoofed = [
        client.get("/api/terms/cache/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(20)
    ]

    assert spoofed == [429] * 20


def test_a_named_proxy_network_separates_its_clients_and_nobody_else_can(limited_api, settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/24"]
    proxy = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(3):
        assert proxy.get("/api/terms/cache/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200
    assert proxy.get("/api/terms/cache/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert proxy.get("/api/terms/cache/", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 200

    stranger = Client(REMOTE_ADDR="192.0.2.50")
    for _ in range(3):
        stranger.get("/api/terms/cache/")
    assert stranger.get("/api/terms/cache/", HTTP_X_FORWARDED_FOR="203.0.113.11").status_code == 429


def test_a_malformed_proxy_address_stops_start_up_with_one_line():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "FORWARDED"))}
    env.update(DJANGO_SECRET_KEY="test-only-secret", FORWARDED_ALLOW_IPS="10.0.0.5,nginx-1")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "Configuration error: FORWARDED_ALLOW_IPS must list the proxies' addresses or networks, not 'nginx-1'."
    ]
