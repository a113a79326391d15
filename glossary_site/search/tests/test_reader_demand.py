"""Reader demand: searches that found nothing and followed suggestions, counted per
query and day with nothing about the reader, shown to editors on the admin index."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from glossary_site.search import demand
from glossary_site.search.models import ReaderDemand

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"


@pytest.fixture
def reader_search(client):
    def search(query, agent=BROWSER, **params):
        return client.get("/search/", {"q": query, **params}, HTTP_USER_AGENT=agent)

    return search


def counts():
    return {(row.query, row.kind): row.count for row in ReaderDemand.objects.all()}


def test_the_counter_has_no_field_that_could_hold_anything_about_a_reader():
    assert {f.name for f in ReaderDemand._meta.get_fields()} == {"id", "query", "day", "kind", "count"}


def test_searches_that_found_nothing_are_counted_per_folded_query_and_day(make_term, reader_search):
    make_term(title="Webhook", body="## Use\n\nCalls back.")
    reader_search("Rate  Limiting")
    reader_search("rate limiting")
    reader_search("RÄTE limiting")
    reader_search("webhook")  # found something: not counted

    assert counts() == {("rate limiting", "nothing"): 3}
    assert ReaderDemand.objects.get().day == timezone.localdate()


@pytest.mark.parametrize(
    "agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32", ""]
)
def test_bots_and_scripts_are_not_counted(db, reader_search, agent):
    reader_search("rate limiting", agent=agent)
    assert counts() == {}


def test_queries_over_100_characters_are_not_counted(db, reader_search):
    reader_search("x" * 101)
    reader_search("y" * 100)
    assert counts() == {("y" * 100, "nothing"): 1}


def test_a_followed_did_you_mean_is_counted_for_the_query_typed(make_term, reader_search):
    make_term(title="Sharding", body="## What\n\nOne road to scalability.")
    # Asked for as typed: otherwise the page shows the suggestion's results at once.
    page = BeautifulSoup(reader_search("scalabilty", literal="1").content, "html.parser")
    link = page.select_one(".search-summary a")
    assert link["href"] == "/search/?q=scalability&from=scalabilty"

    reader_search("scalability", **{"from": "scalabilty"})

    assert counts() == {("scalabilty", "nothing"): 1, ("scalabilty", "followed"): 1}


def test_counts_older_than_90_days_expire(db):
    today = timezone.localdate()
    for age in (0, 90, 91):
        ReaderDemand.objects.create(query=f"q{age}", day=today - timedelta(days=age), kind="nothing", count=1)
    demand.expire(today)
    assert set(ReaderDemand.objects.values_list("query", flat=True)) == {"q0", "q90"}


def test_the_admin_index_lists_what_readers_did_not_find_with_an_add_term_button(db, admin_client):
    # "Add term" only where readers found nothing and followed no "did you mean"
    # (glossary_site/editorial/tests/test_desk.py has the whole rule).
    today = timezone.localdate()
    ReaderDemand.objects.create(query="rate limiting", day=today, kind="nothing", count=4)
    ReaderDemand.objects.create(query="rate limiting", day=today - timedelta(days=1), kind="nothing", count=3)
    ReaderDemand.objects.create(query="rate limiting", day=today, kind="followed", count=1)
    ReaderDemand.objects.create(query="sharding", day=today, kind="nothing", count=2)
    ReaderDemand.objects.create(query="ancient", day=today - timedelta(days=120), kind="nothing", count=99)

    page = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    panel = page.select_one("section.reader-demand")

    assert panel.h2.get_text() == "What readers looked for and did not find"
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in panel.select("tbody tr")]
    assert rows == [
        ["rate limiting", "7", "1", "Readers followed a “did you mean”"],
        ["sharding", "2", "0", "Add term"],
    ]
    add = panel.select_one("tbody a.button")["href"]
    assert add == "/admin/terms/term/add/?title=Sharding&slug=sharding"
    form = BeautifulSoup(admin_client.get(add).content, "html.parser")
    assert form.select_one("input[name=title]")["value"] == "Sharding"


def test_editors_without_the_add_permission_do_not_see_it(db, client, django_user_model):
    ReaderDemand.objects.create(query="rate limiting", day=timezone.localdate(), kind="nothing", count=4)
    client.force_login(django_user_model.objects.create_user("v", "v@example.com", "pw", is_staff=True))
    assert BeautifulSoup(client.get("/admin/").content, "html.parser").select_one(".reader-demand") is None


@pytest.mark.parametrize(
    "planted",
    [
        "visit evil.example for cheap pills",  # no suggestion was ever shown for it
        "sharding",  # a query that finds something: no "did you mean" either
        "scalabilty",  # a real misspelling, but its suggestion is not the query followed
    ],
)
def test_a_followed_did_you_mean_is_counted_only_for_the_suggestion_shown(
    make_term, reader_search, admin_client, planted
):
    make_term(title="Sharding", body="## What\n\nOne road to scalability.")
    make_term(title="Caching", body="## What\n\nKeeping answers near.")

    for _ in range(30):
        reader_search("caching", **{"from": planted})

    assert counts() == {}
    panel = BeautifulSoup(admin_client.get("/admin/").content, "html.parser").select_one(".reader-demand")
    assert panel is None or planted not in panel.get_text()
