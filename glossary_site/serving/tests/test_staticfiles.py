"""Static addresses are the hashed ones, worked out once a process
(serving/staticfiles.py, the storage production uses; the tests' own pages use
Django's plain one)."""

import re

from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from glossary_site.serving.staticfiles import StaticFilesStorage


def test_a_static_address_is_the_hashed_one_and_worked_out_once(monkeypatch):
    asked = []
    parent = CompressedManifestStaticFilesStorage.url

    def counted(self, name, force=False):
        asked.append(name)
        return parent(self, name, force)

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", counted)
    storage = StaticFilesStorage()
    first = storage.url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", first), first
    assert [storage.url("css/site.css") for _ in range(3)] == [first] * 3
    assert re.fullmatch(r"/static/css/tokens\.[0-9a-f]{12}\.css", storage.url("css/tokens.css"))
    assert asked == ["css/site.css", "css/tokens.css"]


def test_with_debug_on_static_files_keep_their_own_names():
    storage = StaticFilesStorage()
    hashed = storage.url("css/site.css")
    with override_settings(DEBUG=True):
        assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("css/site.css") == hashed
