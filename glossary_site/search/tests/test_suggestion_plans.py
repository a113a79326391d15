"""Suggestions and "did you mean" read one language's titles through an index that
starts with the language (terms/models.py, term_suggest_idx), on SQLite and on
PostgreSQL: led by the status alone, a Japanese lookup walked every published
English term in sort order before it reached the first kana (issue 28)."""

from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext

from glossary_site.search import suggestions


def plan(queryset):
    """The plan; on PostgreSQL with sequential scans priced out, so that a query an
    index can answer shows that index whatever the table's size."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # ends with the test's transaction
    return queryset.explain()


def test_a_languages_titles_are_read_through_the_index_that_starts_with_it(db, three_languages, make_term):
    for n in range(60):
        make_term(title=f"Term {n}", slug=f"term-{n}")
    for n, title in enumerate(("ノード", "ノードプール", "データベース")):
        make_term(title=title, slug=f"ja-{n}", language="ja")
    with connection.cursor() as cursor:
        # As a live database has its statistics. This table's only: SQLite keeps what
        # ANALYZE found in memory after the test's rollback, and statistics of other
        # small tables would change other tests' plans (test_pages_to_do.py's).
        cursor.execute("ANALYZE terms_term")
    every_title = (
        suggestions._terms("ja")
        .annotate(size=Length("title"))
        .filter(size__gte=2, size__lte=13)
        .values_list("title", flat=True)[:5000]
    )
    typed = suggestions._terms("ja").filter(sort_key__gte="の", sort_key__lt="の\uffff").order_by("sort_key")
    for query in (every_title, typed):
        shown = plan(query)
        assert "term_suggest_idx" in shown, shown
        if connection.vendor == "sqlite":
            assert "term_suggest_idx (language=? AND status=?" in shown, shown


def explained(sql):
    """The plan of a query as it was sent (captured with its values in place); on
    PostgreSQL with sequential scans priced out, as plan() above."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # ends with the test's transaction
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_a_search_that_finds_nothing_reads_terms_through_the_sort_key_index(db, make_term):
    for n in range(60):
        make_term(title=f"Term {n}", slug=f"term-{n}")
    make_term(title="Cache", slug="cache")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE terms_term")  # as test_a_languages_titles_are_read_... says
    with CaptureQueriesContext(connection) as queries:
        assert suggestions.corrected("cahce ledger", 21) == ([], None, None)
    sent = [query["sql"] for query in queries.captured_queries]
    names = next(sql for sql in sent if "name_group" in sql)
    candidates = next(sql for sql in sent if "AS tag" in sql)
    # The terms a query may name: each way a search of an index, never every
    # published term read to test an OR of them (the status and date index, which
    # SQLite chose for the OR).
    shown = explained(names)
    assert "term_suggest_idx" in shown and "terms_term_pub_idx" not in shown, shown
    if connection.vendor == "sqlite":
        # The titles "did you mean" compares: those beginning as the query does,
        # read from the index alone, not a table row each.
        # (PostgreSQL finds the closest title by trigram similarity instead.)
        shown = explained(candidates)
        wanted = "COVERING INDEX term_suggest_idx (language=? AND status=? AND sort_key>? AND sort_key<?)"
        assert wanted in shown, shown
