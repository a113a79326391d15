"""Fixtures for the core's tests: the realistic glossary, built once per module."""

import pytest
from django.db import transaction

from glossary_site.testing import corpus
from terms.models import Term, TermAlias


@pytest.fixture(scope="module")
def corpus_glossary(django_db_setup, django_db_blocker):
    """The terms of testing/corpus_terms.txt by title, saved and linked once for a
    module whose tests only read them, and rolled back after its last test.

    Each test still runs in its own savepoint inside this transaction (the `db`
    fixture), so what a test writes is gone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield corpus.load(Term, TermAlias)
        transaction.set_rollback(True)
