"""The desk (the admin index): "New term" and "New article" for those who may add
them, and the table of what readers looked for and did not find, which offers
"Add term" only where a new term is what those readers lack (search/demand.py)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from glossary_site.search import demand
from glossary_site.search.models import ReaderDemand
from terms.models import Term, TermAlias


def searched(query, nothing=0, followed=0):
    today = timezone.localdate()
    if nothing:
        ReaderDemand.objects.create(query=query, day=today, kind=ReaderDemand.Kind.NOTHING, count=nothing)
    if followed:
        ReaderDemand.objects.create(query=query, day=today, kind=ReaderDemand.Kind.FOLLOWED, count=followed)


def desk(client):
    return BeautifulSoup(client.get("/admin/").content, "html.parser")


def demand_rows(client):
    """{query: text of its last cell} as the desk shows them."""
    rows = desk(client).select("section.reader-demand tbody tr")
    return {row.th.get_text(strip=True): row.select("td")[-1].get_text(" ", strip=True) for row in rows}


def offered(query):
    return {row["query"]: row["addable"] for row in demand.top()}[query]


# --- "Add term": the rule ---------------------------------------------------------


def test_a_search_that_found_nothing_and_resembles_nothing_is_offered_add_term(db):
    searched("quantum sharding", nothing=3)
    assert offered("quantum sharding") is True


def test_a_search_with_a_did_you_mean_is_not_offered_add_term(make_term):
    make_term(title="Scalability", body="Growing without rewriting.")
    searched("scalabilty", nothing=4)

    [row] = demand.top()
    assert (row["addable"], row["suggestion"]) == (False, "Scalability")


def test_a_search_whose_readers_followed_a_did_you_mean_is_not_offered_add_term(db):
    searched("rate limting", nothing=5, followed=2)
    assert offered("rate limting") is False


def test_a_search_only_counted_as_followed_is_not_offered_add_term(db):
    searched("kubernets", followed=3)
    assert offered("kubernets") is False


@pytest.mark.parametrize(
    ("status", "ahead", "state"),
    [
        (Term.Status.PUBLISHED, timedelta(days=2), "scheduled"),
        (Term.Status.DRAFT, timedelta(days=-2), "draft"),
        (Term.Status.PUBLISHED, timedelta(days=-2), "public"),  # added since the searches
    ],
)
def test_a_term_of_that_name_in_any_state_is_named_instead_of_add_term(make_term, status, ahead, state):
    make_term(
        title="Circuit Breaker", slug="circuit-breaker", status=status, published_at=timezone.now() + ahead
    )
    searched("circuit breaker", nothing=6)

    [row] = demand.top()
    assert (row["addable"], row["existing"]) == (False, {"title": "Circuit Breaker", "state": state})


def test_a_draft_terms_other_name_counts_as_its_name(make_term):
    draft = make_term(title="Message Queue", status=Term.Status.DRAFT)
    TermAlias.objects.create(term=draft, name="MQ broker", slug="mq-broker")
    searched("mq broker", nothing=2)

    assert demand.top()[0]["existing"] == {"title": "Message Queue", "state": "draft"}


def test_the_desk_offers_add_term_only_where_the_rule_allows_and_says_why_elsewhere(admin_user, make_term):
    make_term(title="Scalability", body="Growing without rewriting.")
    make_term(title="Circuit Breaker", published_at=timezone.now() + timedelta(days=1))
    searched("quantum sharding", nothing=9)
    searched("scalabilty", nothing=8)
    searched("circuit breaker", nothing=7)
    searched("rate limting", nothing=6, followed=1)
    client = Client()
    client.force_login(admin_user)

    assert demand_rows(client) == {
        "quantum sharding": "Add term",
        "scalabilty": "Search offers “Scalability”",
        "circuit breaker": "“Circuit Breaker” is scheduled",
        "rate limting": "Readers followed a “did you mean”",
    }
    [add] = desk(client).select("section.reader-demand tbody a.button")
    assert add["href"] == "/admin/terms/term/add/?title=Quantum+sharding&slug=quantum-sharding"
    assert add["aria-label"] == "Add term “quantum sharding”"


# --- "New term" and "New article" ------------------------------------------------


def new_links(client):
    return [(a.get_text(strip=True), a["href"]) for a in desk(client).select(".desk-actions a")]


def test_the_desk_offers_new_term_and_new_article_to_whoever_may_add_both(editor_client):
    assert new_links(editor_client) == [
        ("New term", "/admin/terms/term/add/"),
        ("New article", "/admin/articles/article/add/"),
    ]


def test_the_desk_links_import_and_export_only_for_whom_may_use_them(admin_client, editor_client):
    assert ("Import and export", "/admin/transfer/") in new_links(admin_client)
    assert "Import and export" not in dict(new_links(editor_client))


def test_the_desk_offers_only_what_the_user_may_add(db, django_user_model):
    user = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "view_article", "view_term"])
    )
    client = Client()
    client.force_login(user)

    assert new_links(client) == [("New article", "/admin/articles/article/add/")]


def test_the_desk_offers_nothing_new_to_someone_who_may_only_look(db, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "view_term"]))
    client = Client()
    client.force_login(user)

    page = desk(client)
    assert page.select(".desk-actions") == []
    assert page.find("h2", string="Recently changed") is not None  # the desk itself is there


def test_a_term_whose_address_differs_is_still_found_by_its_title(make_term):
    make_term(title="Circuit Breaker", slug="breaker-pattern", status=Term.Status.DRAFT)
    searched("circuit breaker", nothing=1)
    assert demand.top()[0]["existing"] == {"title": "Circuit Breaker", "state": "draft"}
