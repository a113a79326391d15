"""The worker's list of pages to render (pages.to_do()) is found through an index,
on SQLite and on PostgreSQL: read by a scan, each call went through every stored
page's HTML to reach its `build` (issue 29)."""

import pytest
from django.db import connection

from glossary_site.models import StoredPage
from glossary_site.serving import builds, pages

INDEXES = ("storedpage_to_do_stale_idx", "storedpage_to_do_build_idx")


@pytest.fixture
def stored(db):
    current = builds.current()
    rows = {
        "/glossary/fresh/": (current, False),
        "/glossary/edited/": (current, True),
        "/glossary/never-rendered/": ("", True),
        "/glossary/older-build/": ("", False),
        "/glossary/newer-build/": ("~" * 16, False),  # "~" sorts after every hex digit
    }
    StoredPage.objects.bulk_create(
        StoredPage(path=path, kind="term", object_id=n, html="<p>Page</p>", build=build, stale=stale)
        for n, (path, (build, stale)) in enumerate(rows.items(), start=1)
    )


def plan(queryset):
    """The database's plan of the query; on PostgreSQL with sequential scans priced
    out, so that a query an index can answer shows that index whatever the table's size."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # ends with the test's transaction
    return queryset.explain()


def test_the_pages_to_render_are_the_stale_ones_and_those_of_another_build(stored):
    assert set(pages.to_do().values_list("path", flat=True)) == {
        "/glossary/edited/",
        "/glossary/never-rendered/",
        "/glossary/older-build/",
        "/glossary/newer-build/",
    }


def test_the_pages_to_render_are_found_through_their_indexes_without_a_scan(stored):
    # As render_stale() asks for a chunk, and as its last check and the benchmarks count.
    chunk = pages.to_do().exclude(path__in=["/glossary/skipped/"]).values_list("path", "generation")[:50]
    for query in (chunk, pages.to_do()):
        shown = plan(query)
        assert all(index in shown for index in INDEXES), shown
        assert "Seq Scan" not in shown and "SCAN glossary_site_storedpage" not in shown, shown
