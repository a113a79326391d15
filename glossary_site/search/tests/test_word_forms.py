"""Search treats word forms and spellings as a reader does (issue 25): compounds
open, closed or hyphenated, singular and plural, British and American spellings,
a misspelling answered with the results of what was meant, and suggestions that
put a short title before its longer relatives.

On a small infrastructure glossary in the words of these tests, built once for the
module; the suite runs it on SQLite, and on PostgreSQL with `make test DB=postgres`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from glossary_site.search import results
from glossary_site.search.variants import name_keys
from glossary_site.testing.database import kept_for_module
from terms.models import Term

GLOSSARY = {
    "Timestamp": "A value that records when something happened. Logs put a timestamp on every line.",
    "Time Zone": "A region that keeps one standard time. Every time stamp is read in some time zone.",
    "Rubber Stamp": "An approval given without reading. A rubber stamp review leaves the time for other work.",
    "Database": "An organised store of data that many programs query at once.",
    "Data Lake": "A store of raw data in its original format, kept for analysis later.",
    "Database Index": "A structure that lets a database find rows without reading them all.",
    "Base Image": "The image a container image is built on, such as a minimal operating system.",
    "Load Balancer": "A server that spreads requests over several others so that none is overloaded.",
    "Load Testing": "Sending many requests to a system to see how it behaves under load.",
    "Queues": "Lists of messages waiting for a worker. A queue decouples producers from consumers.",
    "Queue Depth": "How many messages wait in a queue at one moment: a sign of a slow consumer.",
    "Message Broker": "A server that receives messages and routes them to queues.",
    "Workflow": "The steps that carry a piece of work from start to finish, often automated.",
    "Work Queue": "A queue of jobs that workers take one at a time. Good for slow work.",
    "Flow Control": "Slowing a sender down so that a receiver is not flooded. TCP does it with windows.",
    "Optimization": "Changing a system so that it uses less or answers faster, after measuring.",
    "Query Planner": "The part of a database that decides how to run a query. It optimizes joins first.",
    "Colour Contrast": "The difference in brightness between text and its background, for legibility.",
    "Retry Policy": "Rules for trying a failed request again: how often, how long to wait, when to stop.",
    "Circuit Breaker": "A guard that stops calls to a failing service. Its behavior resembles a fuse.",
    "Containers": "Processes isolated from one another, each packaged with the files it needs.",
    "Container Image": "A packaged file system and settings from which containers start.",
    "Container Orchestration": "Running many containers across machines: placing, restarting and scaling them.",
    "Container Registry": "A server that stores container images and hands them out by name and tag.",
    "Ledger": "A record of transactions. Reconciliation compares it with the bank's statement.",
}


@pytest.fixture(scope="module")
def glossary(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        for title, body in GLOSSARY.items():
            Term.objects.create(
                title=title, slug=slugify(title), summary=body.split(". ")[0] + ".", body=body,
                status=Term.Status.PUBLISHED,
            )  # fmt: skip
        yield


def titles(query):
    return [result.title for result in results.search(query)]


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("time stamp", "Timestamp"),
        ("time-stamp", "Timestamp"),
        ("Time Stamps", "Timestamp"),
        ("data base", "Database"),
        ("data-bases", "Database"),
        ("work flow", "Workflow"),
        ("work-flows", "Workflow"),
        ("loadbalancer", "Load Balancer"),
        ("load-balancers", "Load Balancer"),
        ("timestamps", "Timestamp"),
    ],
)
def test_open_closed_and_hyphenated_compounds_put_their_term_first(db, glossary, query, term):
    assert titles(query)[0] == term


def test_a_two_word_query_for_a_one_word_title_keeps_the_titles_with_both_words_after_it(db, glossary):
    # "Time Zone" and "Rubber Stamp" each hold one of the words in their title and
    # the other in their body; the term the two words spell comes before them.
    found = titles("time stamp")
    assert found[0] == "Timestamp"
    assert {"Time Zone", "Rubber Stamp"} <= set(found[1:])


@pytest.mark.parametrize(
    ("query", "term"),
    [("queue", "Queues"), ("container", "Containers"), ("databases", "Database"), ("ledgers", "Ledger")],
)
def test_singular_and_plural_name_the_same_term_before_longer_titles(db, glossary, query, term):
    assert titles(query)[0] == term


@pytest.mark.parametrize(
    ("query", "term"),
    [("optimisation", "Optimization"), ("color contrast", "Colour Contrast"), ("Colour", "Colour Contrast")],
)
def test_british_and_american_spellings_name_the_same_term(db, glossary, query, term):
    assert titles(query)[0] == term


def test_british_and_american_spellings_find_the_same_words_in_text(db, glossary):
    assert "Query Planner" in titles("optimises")  # its body says "optimizes"
    assert titles("behaviour") == ["Circuit Breaker"]  # its body says "behavior"
    assert "Database" in titles("organized")  # its body says "organised"


def test_a_confident_misspelling_shows_the_results_of_what_was_meant(db, glossary, visit):
    page = visit("/search/?q=databse")
    status = page.select_one(".search-summary")
    assert " ".join(status.get_text().split()) == "Showing results for Database — search instead for databse."
    assert status.select_one("a")["href"] == "/search/?q=databse&literal=1"
    assert page.select_one(".search-result h2 a").get_text() == "Database"


def test_search_instead_for_the_query_as_typed_offers_did_you_mean_and_no_results(db, glossary, visit):
    page = visit("/search/?q=databse&literal=1")
    status = page.select_one(".search-summary")
    assert "Nothing found" in status.get_text()
    assert status.find("a", string="Database")["href"] == "/search/?q=Database&from=databse"
    assert page.select(".search-result") == []


def test_a_suggestion_further_than_a_slip_or_two_is_offered_not_shown(db, glossary, visit):
    # Three letters from "reconciliation": as likely a word the glossary lacks.
    page = visit("/search/?q=rekonsilation")
    status = page.select_one(".search-summary")
    assert "Nothing found" in status.get_text()
    assert status.find("a", string="reconciliation") is not None
    assert page.select(".search-result") == []


def test_a_british_spelling_is_found_without_a_correction(db, glossary, visit):
    page = visit("/search/?q=optimisation")
    assert "Showing results for" not in page.select_one(".search-summary").get_text()
    assert page.select_one(".search-result h2 a").get_text() == "Optimization"


def queries(client, url):
    client.get(url)  # Django's once-per-process checks are not the page's
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def test_a_corrected_search_costs_one_search_more_whatever_the_size_of_the_glossary(db, glossary, client):
    pages = {"hit": "/search/?q=database", "miss": "/search/?q=zzyzx", "corrected": "/search/?q=databse"}
    few = {name: queries(client, url) for name, url in pages.items()}
    for n in range(40):
        Term.objects.create(title=f"Widget {n}", slug=f"widget-{n}", body="Nothing.", status="published")
    assert {name: queries(client, url) for name, url in pages.items()} == few
    assert few["corrected"] <= few["miss"] + few["hit"]


def suggested(client, typed):
    return [r["title"] for r in client.get("/search/suggest/", {"q": typed}).json()["results"]]


@pytest.mark.parametrize("typed", ["contai", "container", "Containers"])
def test_suggestions_put_a_short_title_before_its_longer_relatives(db, glossary, client, typed):
    assert suggested(client, typed)[0] == "Containers"


def test_suggestions_still_list_the_longer_relatives_in_order(db, glossary, client):
    assert suggested(client, "contai") == [
        "Containers", "Container Image", "Container Orchestration", "Container Registry",
    ]  # fmt: skip
    assert suggested(client, "queue") == ["Queues", "Queue Depth"]


def test_suggestions_put_the_typed_name_before_its_other_forms(db, glossary, client):
    Term.objects.create(title="Queue", slug="queue", body="One line of messages.", status="published")
    assert suggested(client, "queues")[:2] == ["Queues", "Queue"]
    assert suggested(client, "queue")[:3] == ["Queue", "Queues", "Queue Depth"]


def test_the_forms_of_a_name_start_with_its_own_and_stay_few_for_a_long_query():
    keys = name_keys("Time Stamp")
    assert keys[0] == "time stamp"
    assert {"timestamp", "time-stamp", "time stamps", "timestamps"} <= set(keys)
    assert "time stampses" not in keys and "times stamp" not in keys
    assert len(name_keys("optimise colour behaviour centre")) < 250
    assert name_keys("one two three four five") == ["one two three four five"]
