"""Data built once for a whole test module and rolled back after it."""

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@contextmanager
def kept_for_module(django_db_blocker, **settings):
    """A transaction for a module-scoped fixture's data, rolled back at the end.

    The module's tests only read the data; each still runs in a savepoint of its
    own inside this transaction (pytest-django's `db`), so one test's writes are
    gone before the next. Background work runs at once, as for a test's own data
    (conftest.work_runs_at_once), and `settings` hold while the data is built."""
    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=IMMEDIATE_TASKS, **settings),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)
