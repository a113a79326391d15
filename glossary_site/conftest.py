"""Fixtures for the core's tests: read-only content built once per module."""

import pytest
from django.core.management import call_command

from glossary_site.testing import corpus
from glossary_site.testing.database import kept_for_module
from terms.models import Term, TermAlias


@pytest.fixture(scope="module")
def corpus_glossary(django_db_setup, django_db_blocker):
    """The terms of testing/corpus_terms.txt by title, saved and linked once for a
    module whose tests only read them (with `db`), and rolled back after its last test."""
    with kept_for_module(django_db_blocker):
        yield corpus.load(Term, TermAlias)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content of `manage.py load_demo`, loaded once for a module whose
    tests only read it (with `db`), and rolled back after its last test; the
    media folder its images were stored in."""
    media = tmp_path_factory.mktemp("demo-media")
    with kept_for_module(django_db_blocker, MEDIA_ROOT=media):
        call_command("load_demo", verbosity=0)
        yield media
