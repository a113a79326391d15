"""Search answers kept like pages (issue 29, search/kept.py): a repeated query is a
cache read, and the next search after a change shows it, whichever way the change
came (a save through the model, a bulk operation's batch, the admin's actions, a
delete, a timed publication)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from glossary_site import lifecycle
from glossary_site.content.batch import Batch
from glossary_site.search import kept
from glossary_site.search.models import ReaderDemand
from terms.models import Term


def found(client, query, prefix="", **params):
    """The titles a results page lists, in order, as the reader sees them."""
    page = client.get(f"{prefix}/search/", {"q": query, **params})
    assert page.status_code == 200
    return [
        link.get_text() for link in BeautifulSoup(page.content, "html.parser").select(".search-result h2 a")
    ]


def suggested(client, typed):
    return [row["title"] for row in client.get("/search/suggest/", {"q": typed}).json()["results"]]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def zeppelin(make_term):
    return make_term(title="Zeppelin", slug="zeppelin", body="An airship held up by gas cells.")


def test_a_kept_result_changes_as_soon_as_a_matching_draft_is_published(make_term, client):
    draft = make_term(title="Zeppelin", slug="zeppelin", status="draft", body="An airship.")
    assert found(client, "zeppelin") == []
    assert found(client, "zeppelin") == []  # kept, and still right
    draft.status = Term.Status.PUBLISHED
    draft.save()
    assert found(client, "zeppelin") == ["Zeppelin"]
    assert suggested(client, "zep") == ["Zeppelin"]


def test_a_kept_result_changes_as_soon_as_a_matching_term_is_edited(zeppelin, client):
    assert found(client, "airship") == ["Zeppelin"]
    assert suggested(client, "zep") == ["Zeppelin"]
    zeppelin.title, zeppelin.body = "Zeppelin Airship", "A rigid airship with a steel frame."
    zeppelin.save()
    assert found(client, "airship") == ["Zeppelin Airship"]
    assert "steel frame" in client.get("/search/", {"q": "airship"}).content.decode()
    assert suggested(client, "zep") == ["Zeppelin Airship"]


def test_a_kept_result_follows_a_batch_save_once_the_batch_is_finished(zeppelin, make_term, client):
    assert found(client, "blimp") == []
    batch = Batch()
    zeppelin.body = "Not a blimp: it has a frame."
    zeppelin.save(batch=batch)
    make_term(title="Blimp", slug="blimp", body="An airship without a frame.", batch=batch)
    lifecycle.finish(batch)
    assert found(client, "blimp") == ["Blimp", "Zeppelin"]


def test_a_kept_result_follows_the_admins_publish_and_unpublish_actions(make_term, admin_client, client):
    draft = make_term(title="Zeppelin", slug="zeppelin", status="draft", body="An airship.")
    assert found(client, "zeppelin") == []
    admin_client.post("/admin/terms/term/", {"action": "publish", "_selected_action": [draft.pk]})
    assert found(client, "zeppelin") == ["Zeppelin"]
    admin_client.post(
        "/admin/terms/term/",
        {"action": "unpublish", "_selected_action": [draft.pk], "confirm_unpublish": "yes"},
    )
    assert found(client, "zeppelin") == []


def test_an_unpublished_or_deleted_term_drops_out_of_a_kept_result(zeppelin, make_term, client):
    blimp = make_term(title="Blimp", slug="blimp", body="An airship without a frame.")
    assert found(client, "airship") == ["Blimp", "Zeppelin"]
    zeppelin.status = Term.Status.DRAFT
    zeppelin.save()
    assert found(client, "airship") == ["Blimp"]
    assert suggested(client, "zep") == []
    blimp.delete()
    assert found(client, "airship") == []


def test_a_timed_publication_shows_at_its_time_before_the_worker_makes_it_public(make_term, client, clock):
    make_term(title="Zeppelin", slug="zeppelin", published_at=timezone.now() + timedelta(minutes=10))
    assert found(client, "zeppelin") == []
    clock.shift(timedelta(minutes=20))  # no counter raised: the worker has not run
    assert found(client, "zeppelin") == ["Zeppelin"]
    assert found(client, "zeppelin") == ["Zeppelin"]


def test_did_you_mean_is_kept_and_follows_a_new_title(zeppelin, client):
    literal = client.get("/search/", {"q": "zepelin", "literal": "1"})
    assert literal.context["suggestion"] == "Zeppelin"
    zeppelin.title = "Zeppelins"
    zeppelin.save()
    literal = client.get("/search/", {"q": "zepelin", "literal": "1"})
    assert literal.context["suggestion"] == "Zeppelins"
    assert client.get("/search/", {"q": "zepelin"}).context["shown_for"] == "Zeppelins"


def test_queries_differing_in_case_and_spaces_share_an_answer_and_show_as_typed(zeppelin, client):
    assert found(client, "zeppelin") == ["Zeppelin"]
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/search/", {"q": "  ZEPPELIN  "})
    assert len(captured.captured_queries) == 1, "the counters only: the answer was kept"
    assert "“ZEPPELIN”" in page.content.decode()
    assert "/glossary/zeppelin/" in page.content.decode()
    assert kept.normalised(" Zeppelin   AIRSHIP ") == "zeppelin airship"
    assert kept.normalised("ÉCOLE") == "École", "only ASCII letters change case"


def test_a_kept_answer_that_found_nothing_still_counts_the_readers_demand(db, client):
    browser = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0"
    for _ in range(3):
        page = client.get("/search/", {"q": "ornithopter"}, HTTP_USER_AGENT=browser)
        assert "Nothing found" in page.content.decode()
    assert ReaderDemand.objects.get(query="ornithopter", kind=ReaderDemand.Kind.NOTHING).count == 3


def test_pages_of_one_query_are_kept_apart(make_term, client):
    for number in range(25):
        make_term(title=f"Airship {number:02d}", slug=f"airship-{number}", body="Lighter than air.")
    first, second = found(client, "airship"), found(client, "airship", page=2)
    assert len(first) == 20 and len(second) == 5 and not set(first) & set(second)
    assert found(client, "airship", page=2) == second


def test_another_languages_change_leaves_a_kept_answer_right(make_term, client, three_languages):
    make_term(title="Zeppelin", slug="zeppelin", body="An airship.")
    german = make_term(title="Luftschiff", slug="luftschiff", language="de", body="Ein Zeppelin.")
    assert found(client, "zeppelin") == ["Zeppelin"]
    assert found(client, "zeppelin", prefix="/de") == ["Luftschiff"]
    german.title = "Starrluftschiff"
    german.save()
    assert found(client, "zeppelin") == ["Zeppelin"]
    assert suggested(client, "zep") == ["Zeppelin"]
    assert found(client, "zeppelin", prefix="/de") == ["Starrluftschiff"]


def test_a_repeated_search_costs_the_counter_read_alone(zeppelin, client, django_assert_num_queries):
    for url in ("/search/?q=zeppelin", "/search/?q=zepelin", "/search/suggest/?q=zep"):
        client.get(url)
        with django_assert_num_queries(1):  # the counters, in the page cache's one query
            assert client.get(url).status_code == 200


def test_a_kept_page_carries_the_rendered_pages_headers_and_revalidates(zeppelin, client):
    rendered = client.get("/search/?q=zeppelin")
    kept_page = client.get("/search/?q=zeppelin")
    headers = ("Content-Type", "ETag", "Vary", "X-Frame-Options", "Content-Security-Policy", "Content-Length")

    assert kept_page.content == rendered.content
    assert {name: kept_page.get(name) for name in headers} == {name: rendered.get(name) for name in headers}
    assert client.get("/search/?q=zeppelin", headers={"if-none-match": rendered["ETag"]}).status_code == 304


@pytest.mark.parametrize("query", ["zeppelin", "airship gas", "zepelin", "ornithopter"])
def test_a_search_not_kept_costs_the_counter_read_and_the_search_alone(zeppelin, client, query):
    """The view adds one query to what the search itself costs (search/kept.py
    results_page(), the part whose own queries the 4-query budget of a miss holds)."""
    with CaptureQueriesContext(connection) as search:
        kept.results_page(query, 1, False, "en")
    assert queries_of(client, f"/search/?q={query}") == len(search.captured_queries) + 1


def test_a_cut_or_invalid_search_is_answered_as_before_when_kept(zeppelin, client):
    long = "zeppelin " + "x" * 300
    for _ in range(2):
        page = client.get("/search/", {"q": long}).content.decode()
        assert "Only the first 200 characters of a search are used" in page
        assert "Nothing found" in page
    for _ in range(2):
        page = BeautifulSoup(client.get("/search/", {"q": "zeppelin", "page": "x"}).content, "html.parser")
        assert [link.get_text() for link in page.select(".search-result h2 a")] == ["Zeppelin"]
    assert found(client, "zeppelin", page=99) == ["Zeppelin"], "a page past the last kept pages is the first"
    for _ in range(2):
        assert "Nothing found for “!?”" in client.get("/search/", {"q": " !? "}).content.decode()


READER = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"}


@pytest.mark.parametrize(
    ("query", "did_you_mean"),
    [("ornithopter", None), ("zeppelinship", "Zeppelin")],
)
def test_a_search_that_finds_nothing_stays_within_four_queries(
    zeppelin, client, django_assert_max_num_queries, query, did_you_mean
):
    """The counters, the names with whether the words are anywhere, what "did you
    mean" chooses from, and the reader's demand (a browser's search is counted)."""
    client.get("/search/", {"q": "gyrocopter"}, headers=READER)  # the day's purge of old counts
    with django_assert_max_num_queries(4):
        page = client.get("/search/", {"q": query}, headers=READER)
    summary = BeautifulSoup(page.content, "html.parser").select_one(".search-summary")
    assert summary.get_text().startswith(f"Nothing found for “{query}”.")
    assert [link.get_text() for link in summary.select("a")] == ([did_you_mean] if did_you_mean else [])
    assert ReaderDemand.objects.get(query=query).count == 1
