"""Configuration from the environment, health endpoints and error pages."""

import subprocess
import sys

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from glossary_site.serving.middleware import ForwardedForMiddleware
from glossary_site.testing.servers import PROJECT_ROOT, site_env
from terms.views import TermDetailView


def run_manage(env, code):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_redis_url_selects_the_redis_cache_and_cached_sessions(tmp_path):
    env = site_env(tmp_path, "sqlite:///:memory:", REDIS_URL="redis://127.0.0.1:6399/2")
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = run_manage(env, code)
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_without_redis_url_the_cache_is_local_memory(tmp_path):
    env = site_env(tmp_path, "sqlite:///:memory:")
    env.pop("REDIS_URL", None)
    result = run_manage(env, "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])")
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "Configuration error: DJANGO_SECRET_KEY is not set"),
        ({"DATABASE_URL": "nosuchdb://x"}, "Configuration error: DATABASE_URL is not a usable database URL"),
        ({"REDIS_URL": "http://cache"}, "Configuration error: REDIS_URL must start with redis://"),
        ({"CONN_MAX_AGE": "soon"}, "Configuration error: CONN_MAX_AGE must be a whole number"),
        ({"LOG_LEVEL": "LOUD"}, "Configuration error: LOG_LEVEL must be DEBUG"),
        ({"MEDIA_S3_BUCKET": "media"}, "Configuration error: MEDIA_S3_BUCKET is set but django-storages"),
    ],
)
@pytest.mark.parametrize("command", [["manage.py", "check"], ["-m", "gunicorn", "-c", "gunicorn.conf.py"]])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(tmp_path, changes, message, command):
    env = {**site_env(tmp_path, "sqlite:///:memory:", PORT="1"), "DJANGO_DEBUG": "", **changes}
    result = subprocess.run(
        [sys.executable, *command], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [result.stderr.strip()], "exactly one line"
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stdout + result.stderr


def test_livez_answers_without_touching_the_database(client):
    # No db fixture: pytest-django makes any database access here an error.
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_200_when_database_and_cache_answer(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_names_the_cache_when_it_is_unreachable(db, client, settings):
    # A Redis port where nothing listens: the real client fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["cache"]}


def test_a_database_error_gives_the_friendly_503_page(db, monkeypatch):
    def database_down(self, queryset=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(TermDetailView, "get_object", database_down)
    response = Client(raise_request_exception=False).get("/glossary/anything/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_any_other_error_gives_the_static_500_page(db, monkeypatch):
    def broken(self, queryset=None):
        raise RuntimeError("bug")

    monkeypatch.setattr(TermDetailView, "get_object", broken)
    response = Client(raise_request_exception=False).get("/glossary/anything/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize(
    ("peer", "header", "client_address"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.9, 127.0.0.1", "203.0.113.9"),
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # not our proxy: header ignored
    ],
)
def test_forwarded_for_is_believed_only_from_our_proxies(peer, header, client_address, settings):
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1", "::1"]  # as an operator with a local nginx sets it
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=header)
    seen = {}
    ForwardedForMiddleware(lambda r: seen.setdefault("addr", r.META["REMOTE_ADDR"]))(request)
    assert seen["addr"] == client_address
