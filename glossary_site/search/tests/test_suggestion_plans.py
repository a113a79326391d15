"""Suggestions and "did you mean" read one language's titles through an index that
starts with the language (terms/models.py, term_suggest_idx), on SQLite and on
PostgreSQL: led by the status alone, a Japanese lookup walked every published
English term in sort order before it reached the first kana (issue 28)."""

from django.db import connection
from django.db.models.functions import Length

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
