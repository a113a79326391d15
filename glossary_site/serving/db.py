"""Database upkeep the query planner depends on, and a cheap "has anything changed"."""

import itertools
import threading

from django.db import DEFAULT_DB_ALIAS, connection, connections

_connections = threading.local()
_epochs = itertools.count()


def refresh_planner_statistics(**kwargs):
    """ANALYZE, so that the planner knows `status` says little and a letter says much.

    Without statistics SQLite guesses, and with 100,000 terms it guessed the
    published-date index for the letter page and read every row. Run after
    migrations and bulk loads; PostgreSQL's autovacuum also does it by itself."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def change_token():
    """A value that stays equal while no row in the database changed, read without a
    query; None where the backend cannot tell that way (PostgreSQL).

    SQLite keeps two counters in memory: `data_version` moves when another
    connection, in any process, commits, and `total_changes` when this connection
    writes. A new connection starts its counters again, so the token also names
    the connection (an epoch, never reused; threads each have their own)."""
    wrapper = connections[DEFAULT_DB_ALIAS]  # once: each use of the proxy costs a lookup
    if wrapper.vendor != "sqlite":
        return None
    if wrapper.connection is None:
        wrapper.ensure_connection()
    raw = wrapper.connection
    if getattr(_connections, "raw", None) is not raw:
        _connections.raw, _connections.epoch = raw, next(_epochs)
    return (_connections.epoch, raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes)
