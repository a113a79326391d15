"""The worker's relink in chunks: a fixed number of queries a chunk, however many
bodies it links, and the stored pages told once a chunk (issue 29, bench/README.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from glossary_site.markup.models import RelinkRequest
from glossary_site.markup.relinking import relink_all
from glossary_site.serving import pages
from glossary_site.serving.models import PageChange, StoredPage
from terms.models import Term

# Reading the chunk's rows and aliases, writing their HTML and mention rows, the
# stored pages they and the terms they link show marked once, the lease renewed.
CHUNK_BUDGET = 14


@pytest.fixture
def chunk_of_three(settings):
    settings.RELINK_CHUNK = 3


def _rename_with_mentions(make_term, count):
    """A term `count` bodies link, every page rendered ahead, then renamed: the
    relink request its rename leaves for the worker."""
    ledger = make_term(title="Ledger", slug="ledger")
    for n in range(count):
        make_term(title=f"Entry {n}", slug=f"entry-{n}", body=f"Posted to the Ledger, entry {n}.")
    pages.render_stale.call()
    # Each new term's request (bodies with its name): linked already, saved after it.
    RelinkRequest.objects.all().delete()
    ledger = Term.objects.get(pk=ledger.pk)
    ledger.title = "Journal"
    ledger.save()
    assert RelinkRequest.objects.count() == 1
    return ledger


def _relinked(count, make_term):
    _rename_with_mentions(make_term, count)
    with CaptureQueriesContext(connection) as queries:
        assert relink_all("test") == count
    return len(queries)


def test_each_chunk_of_a_relink_makes_the_same_few_queries(make_term, chunk_of_three):
    two_chunks = _relinked(6, make_term)
    Term.objects.all().delete()
    RelinkRequest.objects.all().delete()
    four_chunks = _relinked(12, make_term)
    assert (four_chunks - two_chunks) / 2 <= CHUNK_BUDGET


def test_a_chunk_tells_the_stored_pages_once_and_their_bodies_lose_the_old_name(make_term, chunk_of_three):
    ledger = _rename_with_mentions(make_term, 3)
    before = PageChange.objects.order_by("-id").values_list("id", flat=True).first()
    relink_all("test")
    # The chunk's own pages and the renamed term's ("linked from"), in one
    # announcement: each key logged once.
    keys = list(PageChange.objects.filter(id__gt=before).values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    entries = Term.objects.filter(slug__startswith="entry-")
    assert {f"term:{entry.pk}" for entry in entries} | {f"mentions:term:{ledger.pk}"} <= set(keys)
    for entry in entries:
        assert 'href="/glossary/ledger/"' not in entry.body_html
        assert StoredPage.objects.get(path=entry.get_absolute_url()).stale
