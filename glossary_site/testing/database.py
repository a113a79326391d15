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
    (conftest.work_runs_at_once), and `settings` hold while the data is built.

    The caches a test's data leaves (the linker's names, stored pages) are emptied
    first, as conftest.empty_cache does before each test: this data is built before
    that, and on PostgreSQL, whose ids are not reused after a rollback, a term of
    the previous module's last test would otherwise be linked from these bodies."""
    from glossary_site.markup import mentions
    from glossary_site.serving import pagecache

    pagecache.clear()
    mentions.forget()
    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=IMMEDIATE_TASKS, **settings),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)
