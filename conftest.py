"""Fixtures shared by every app's tests: content factories, a page reader, the people
who use the admin, a media folder of the test's own and a clock that can be moved;
and how a parallel run (`make test`, pytest-xdist) shares the tests out."""

import os
import time
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db.models.functions import Now
from django.test import Client, override_settings
from django.utils import timezone

from articles.models import Article
from glossary_site.testing.parallel import (
    SECONDS_KEY,
    SecondsRecorder,
    longest_first,
    own_redis_url,
    waiting_modules_together,
    worker_number,
)
from terms.models import Term


def pytest_configure(config):
    # The servers a worker's tests start inherit this environment (testing/parallel.py).
    if os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = own_redis_url(os.environ["REDIS_URL"], worker_number())
    if worker_number() is None:
        config.pluginmanager.register(SecondsRecorder(config), "glossary-test-seconds")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return waiting_modules_together(config, log)
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # In a worker, after pytest-django's order (database tests, then transactional
    # ones, which empty the tables): the longest work first, so that the processes
    # finish together (testing/parallel.py).
    if worker_number() is None:
        return
    cache = getattr(config, "cache", None)
    longest_first(items, cache.get(SECONDS_KEY, {}) if cache else {})


@pytest.fixture(scope="session", autouse=True)
def own_cache_in_parallel_runs():
    """In a worker of a parallel run on Redis, the cache is that worker's database."""
    from django.conf import settings

    cache = settings.CACHES["default"]
    location = own_redis_url(cache.get("LOCATION", ""), worker_number())
    if location == cache.get("LOCATION", ""):
        yield
        return
    with override_settings(CACHES={"default": {**cache, "LOCATION": location}}):
        yield


def _maker(model):
    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        n = counter["n"]
        fields.setdefault("title", f"{model.__name__} {n}")
        fields.setdefault("slug", f"{model.__name__.lower()}-{n}")
        fields.setdefault("summary", f"Summary of {fields['title']}.")
        fields.setdefault("body", f"Body of {fields['title']}.\n\n## Section\n\nMore text.")
        fields.setdefault("status", model.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timedelta(days=n))
        batch = fields.pop("batch", None)  # a bulk operation's (content/batch.py)
        item = model(**fields)
        item.save(batch=batch)
        return item

    return make


@pytest.fixture
def make_term(db):
    return _maker(Term)


@pytest.fixture
def make_article(db):
    return _maker(Article)


@pytest.fixture
def translate(three_languages):
    """translate(source, language, **fields): a translation of a saved term or
    article, made from its current revision unless translated_from says otherwise."""

    def make(source, language, **fields):
        fields.setdefault("translated_from", source.source_revision)
        return _maker(type(source))(language=language, translation_key=source.translation_key, **fields)

    return make


@pytest.fixture
def three_languages(settings):
    """A site in English (the source), German and Japanese (issue 28). The URL patterns
    need no reload: their prefix follows the active language, which the middleware
    takes from the address when it names one of SITE_LANGUAGES."""
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    settings.LANGUAGES = [("en", "English"), ("de", "German"), ("ja", "Japanese")]
    return settings.SITE_LANGUAGES


@pytest.fixture
def visit(client):
    """GET a URL and return it parsed, as a reader's browser would see its HTML."""

    def get(url, status=200):
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return BeautifulSoup(response.content, "html.parser")

    return get


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group: staff, not a superuser ("ed", password "pw")."""
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    """The editor, logged in on a client of their own (`client` stays anonymous)."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    """`client`, logged in as staff with no permission of their own (for the admin's tools)."""
    client.force_login(django_user_model.objects.create_user("editor", password="pw", is_staff=True))
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty media folder for this test's uploads."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The default hasher is slow on purpose; tests log users in many times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def work_runs_at_once(settings):
    # Background work (relinking) runs in the test's own process as soon as it is
    # queued; test_worker.py runs it through the database queue and real workers.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Unit tests render templates without a collectstatic run; the browser and HTML
    # checks serve the real hashed, compressed files through gunicorn.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test's database starts again from the same content counter, so pages
    # cached by an earlier test would match its keys.
    from glossary_site.markup import mentions
    from glossary_site.serving import pagecache

    pagecache.clear()
    mentions.forget()


@pytest.fixture(autouse=True)
def own_search_slots(settings, tmp_path_factory):
    # Search slots are lock files shared by every process of a site on the machine
    # (serving/searchslots.py); the test processes of a parallel run each keep theirs.
    settings.SEARCH_SLOTS_DIR = str(tmp_path_factory.getbasetemp() / "search-slots")
    # A test searches again at once: the slots' rests are tested where they are meant.
    settings.SEARCH_SHARE = 1


@pytest.fixture
def clock(monkeypatch):
    """The time, moved on without waiting: `clock.move_to(moment)`, `clock.shift(delta)`.

    time-machine moves Python's clock; the database's own (Django's Now(), which some
    lists filter by) is read from the real one, so while the test runs Now() is
    Python's time sent as a parameter, and the two clocks agree as they do in life."""

    def python_now(self, compiler, connection, **extra_context):
        return "%s", [connection.ops.adapt_datetimefield_value(timezone.now())]

    for vendor in ("sqlite", "postgresql"):
        monkeypatch.setattr(Now, f"as_{vendor}", python_now)
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        yield traveller


@pytest.fixture
def one_rate_window(settings):
    """The API's rate limit of a minute, with the test's requests all in one of its
    fixed windows (serving/ratelimit.py): the clock held still in the middle of the
    next one, ahead of what the test has published."""
    settings.API_RATE_WINDOW = 60
    with time_machine.travel((int(time.time()) // 60 + 1) * 60 + 30, tick=False):
        yield


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """The demo site's database, made once per run (once per process on PostgreSQL);
    `.copy(tmp)` gives each real server its own (glossary_site/testing/servers.py)."""
    from glossary_site.testing.servers import PreparedDatabase

    return PreparedDatabase.once_per_run(tmp_path_factory, "demo-database")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """An empty, migrated database made once per run; `.copy(tmp)` as above."""
    from glossary_site.testing.servers import PreparedDatabase

    return PreparedDatabase.once_per_run(tmp_path_factory, "migrated-database", demo=False)
