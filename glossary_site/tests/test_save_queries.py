"""What an editor's save costs in queries: a fixed number, whatever the size of the
glossary, and none that the change does not need (issue 29, bench/README.md)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from glossary_site.search.models import SearchWord
from glossary_site.serving import pages
from glossary_site.serving.models import StoredPage
from terms.models import Term, TermAlias

# A body edit of a published term whose page is stored: its render and links, the
# row and its revision, the old address check, the search row and words, its mention
# rows, its page row, the counters and the stored pages that show it. PostgreSQL
# writes the search row's weighted vector in one more UPDATE (search/indexing.py).
BODY_EDIT_BUDGET = 19 + (connection.vendor == "postgresql")


def _edited(term, words):
    term = Term.objects.get(pk=term.pk)
    term.body += f"\n\n{words}"
    return term


def _edit_body(term, words):
    term = _edited(term, words)
    with CaptureQueriesContext(connection) as queries:
        term.save()
    return [query["sql"] for query in queries]


def _stored(make_term, count, start=0):
    """`count` published terms, each body naming the next, every page rendered ahead."""
    terms = [
        make_term(title=f"Ledger {n}", slug=f"ledger-{n}", body=f"See Ledger {n + 1} and Journal.")
        for n in range(start, start + count)
    ]
    pages.render_stale.call()
    assert not pages.to_do().exists()
    return terms


def test_a_body_edit_makes_the_same_few_queries_with_3_terms_and_with_40(
    make_term, django_assert_max_num_queries
):
    few = _stored(make_term, 3)
    _edit_body(few[1], "A first edit.")  # this process's matcher built, as in a live worker
    term = _edited(few[1], "A second edit.")
    with django_assert_max_num_queries(BODY_EDIT_BUDGET) as small:
        term.save()
    _stored(make_term, 37, start=3)
    _edit_body(few[2], "An edit.")  # the matcher takes the new terms in
    term = _edited(few[1], "A third edit.")
    with django_assert_max_num_queries(BODY_EDIT_BUDGET) as large:
        term.save()
    assert len(large) == len(small), "the number of queries grew with the glossary"


def test_a_body_edit_reads_the_terms_other_names_once(make_term):
    term = make_term(title="Ledger", slug="ledger")
    TermAlias.objects.create(term=term, name="Journal", slug="journal")
    queries = _edit_body(term, "Edited.")
    assert sum('FROM "terms_termalias"' in sql for sql in queries) == 1
    # The search row still has them, and they are read again by the next save.
    TermAlias.objects.create(term=term, name="Day book", slug="day-book")
    _edit_body(term, "Edited again.")
    from glossary_site.search.models import SearchDocument

    document = SearchDocument.objects.get(kind="term", object_id=term.pk)
    assert set(document.aliases.split(" ")) >= {"Journal", "Day", "book"}


def test_an_edit_with_no_new_word_writes_no_search_word_and_a_new_word_is_kept(make_term):
    term = make_term(title="Ledger", slug="ledger", body="Settlement happens nightly.")
    queries = _edit_body(term, "Settlement happens nightly.")
    assert not [sql for sql in queries if "INSERT" in sql and "glossary_site_searchword" in sql]
    _edit_body(term, "Reconciliation too.")
    assert SearchWord.objects.filter(word="reconciliation").exists()


def test_a_save_marks_its_page_without_reading_any_stored_html(make_term):
    term = _stored(make_term, 2)[0]
    page = StoredPage.objects.get(path="/glossary/ledger-0/")
    queries = _edit_body(term, "Edited.")
    assert not [sql for sql in queries if '"glossary_site_storedpage"."html"' in sql]
    page.refresh_from_db()
    assert page.stale and page.generation > 0


def test_a_renamed_terms_old_page_row_goes_and_its_new_one_is_to_render(make_term):
    term = _stored(make_term, 2)[0]
    term = Term.objects.get(pk=term.pk)
    term.slug = "ledger-zero"
    term.save()
    assert not StoredPage.objects.filter(path="/glossary/ledger-0/").exists()
    assert StoredPage.objects.get(path="/glossary/ledger-zero/").stale


def test_after_the_commit_pages_are_marked_again_only_where_writes_interleave(
    make_term, settings, django_capture_on_commit_callbacks
):
    term = _stored(make_term, 2)[0]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    term = _edited(term, "Edited.")
    with django_capture_on_commit_callbacks() as callbacks:
        term.save()
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    marked_again = [query["sql"] for query in queries if '"glossary_site_storedpage"' in query["sql"]]
    # PostgreSQL commits transactions side by side: a render stored while this save
    # was in flight is caught by marking again. SQLite writes one at a time.
    assert bool(marked_again) == (connection.vendor != "sqlite")
