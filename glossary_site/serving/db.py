"""Database upkeep the query planner depends on."""

from django.db import connection


def refresh_planner_statistics(**kwargs):
    """ANALYZE, so that the planner knows `status` says little and a letter says much.

    Without statistics SQLite guesses, and with 100,000 terms it guessed the
    published-date index for the letter page and read every row. Run after
    migrations and bulk loads; PostgreSQL's autovacuum also does it by itself."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
