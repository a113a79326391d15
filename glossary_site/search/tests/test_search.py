"""Search as a reader uses it: the results page, the suggestions and hostile queries.

Runs on the suite's database: SQLite FTS5 by default, PostgreSQL full-text search
with `make test DB=postgres`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from glossary_site.search import ranking, results
from terms.models import TermAlias


@pytest.fixture
def content(make_term, make_article):
    make_term(
        title="Backend Developer", slug="backend-developer", summary="Builds servers.", body="Works on APIs."
    )
    make_term(
        title="Caching", slug="caching", summary="Keeps copies to answer faster.", body="A cache layer."
    )
    make_term(
        title="Load Balancer", slug="load-balancer", summary="Spreads traffic.", body="Used by a backend."
    )
    make_article(
        title="Scaling notes", slug="scaling", summary="About caching for the backend.", body="Text."
    )
    make_term(title="Draft Backend", slug="draft-backend", status="draft", body="backend")
    make_term(title="Future Backend", slug="future", published_at=timezone.now() + timedelta(days=1))


def titles(query):
    return [result.title for result in results.search(query)]


def test_title_beats_summary_beats_body(content):
    assert titles("backend") == ["Backend Developer", "Scaling notes", "Load Balancer"]


def test_prefix_and_stemming(content):
    assert "Backend Developer" in titles("back")
    assert "Backend Developer" in titles("developers")
    assert titles("cach") == ["Caching", "Scaling notes"]


def test_a_title_match_ranks_above_a_body_that_repeats_the_word(make_term):
    make_term(title="Notes", slug="notes", body="ledger " * 200)
    make_term(title="Ledger", slug="ledger", body="An account book.")
    assert titles("ledger") == ["Ledger", "Notes"]


def test_only_the_last_word_is_a_prefix(content):
    assert titles("backend dev") == ["Backend Developer"]
    assert titles("back developer") == []


def test_a_word_too_common_to_rank_still_finds_everything_newest_first(make_term, monkeypatch):
    # Past RANK_BODIES_AT_MOST matches in the body tier, order by age instead of
    # relevance, so that a word in nearly every body cannot make search slow.
    monkeypatch.setattr(ranking, "RANK_BODIES_AT_MOST", 2)
    now = timezone.now()
    for n in range(5):
        make_term(title=f"Item {n}", slug=f"item-{n}", body="queue", published_at=now - timedelta(days=5 - n))
    make_term(title="Queue", slug="queue", body="A line.")
    assert titles("queue") == ["Queue", *(f"Item {n}" for n in reversed(range(5)))]


def test_within_a_tier_more_of_the_word_in_less_text_ranks_higher_then_terms_then_title(
    make_term, make_article
):
    make_term(title="Zeta", slug="zeta", body="A ledger, " + "and other words " * 30)
    make_term(title="Beta", slug="beta", body="A ledger.")
    make_article(title="Alpha", slug="alpha", body="A ledger.")
    make_term(title="Alpha", slug="alpha-term", body="A ledger.")
    make_term(title="Gamma", slug="gamma", body="Ledger after ledger.")
    assert titles("ledger") == ["Gamma", "Alpha", "Beta", "Alpha", "Zeta"]
    assert [r.kind for r in results.search("ledger")][1:4] == ["term", "term", "article"]


def test_drafts_and_future_items_are_never_found(content):
    assert not {"Draft Backend", "Future Backend"} & set(titles("backend"))


def test_aliases_find_their_term(make_term):
    term = make_term(title="Know Your Customer", slug="kyc-term", body="Identity checks.")
    TermAlias.objects.create(term=term, name="KYC", slug="kyc")
    assert titles("kyc") == ["Know Your Customer"]


def test_a_renamed_term_is_found_by_its_new_title_and_no_longer_by_its_old_one(make_term):
    term = make_term(title="Quorum", slug="quorum", summary="Agreement.", body="Nodes vote.")
    term.title = "Consensus"
    term.save()
    term.body = "Nodes vote again."  # written without its title: the title stays found
    term.save()
    assert titles("quorum") == []
    assert titles("consensus") == ["Consensus"]


@pytest.mark.parametrize(
    "query", ['"', "*", "AND (", "NEAR(a b)", "^x", "a:b", "'; DROP TABLE x; --", "x" * 10_000]
)
def test_hostile_queries_give_results_or_nothing_never_an_error(content, client, query):
    assert isinstance(results.search(query), list)
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_results_page_shows_kind_title_and_highlighted_escaped_snippet(make_article, visit):
    make_article(title="Escaping", slug="escaping", body="The <script>alert(1)</script> cachette words.")
    page = visit("/search/?q=cachette")
    result = page.select_one(".search-result")
    assert result.select_one(".search-result__kind").get_text() == "Article"
    assert result.select_one("h2 a")["href"] == "/blog/escaping/"
    snippet = result.select_one(".search-result__snippet")
    assert snippet.select_one("mark").get_text().lower().startswith("cachette")
    assert snippet.select_one("script") is None
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_nothing_found_as_typed_offers_a_did_you_mean(content, visit):
    page = visit("/search/?q=Cahcing&literal=1")
    status = page.select_one(".search-summary")
    assert "Nothing found" in status.get_text()
    assert (
        status.find("a", string="Caching")["href"] == "/search/?q=Caching&from=Cahcing"
    )  # from: reader demand


def test_suggestions_are_labelled_titles_as_json_at_most_eight(make_term, client):
    for n in range(10):
        make_term(title=f"Token {n}", slug=f"token-{n}")
    make_term(title="Tokio draft", slug="tokio", status="draft")
    data = client.get("/search/suggest/", {"q": "tok"}).json()
    assert len(data["results"]) == 8
    assert data["results"][0] == {
        "title": "Token 0",
        "url": "/glossary/token-0/",
        "summary": "Summary of Token 0.",
        "kind": "Term",
    }
    assert client.get("/search/suggest/", {"q": ""}).json() == {"results": []}


def test_suggestions_fold_accents_and_include_aliases(make_term, client):
    make_term(title="École", slug="ecole")
    term = make_term(title="Know Your Customer", slug="kyc-term")
    TermAlias.objects.create(term=term, name="KYC", slug="kyc")
    assert [r["title"] for r in client.get("/search/suggest/", {"q": "eco"}).json()["results"]] == ["École"]
    assert [r["title"] for r in client.get("/search/suggest/", {"q": "ky"}).json()["results"]] == [
        "Know Your Customer"
    ]


def test_suggestions_cover_articles_after_the_terms(make_term, make_article, client):
    make_term(title="Ledger", slug="ledger")
    for n in range(5):
        make_article(title=f"Closing the ledger, part {n}", slug=f"closing-{n}")
    make_article(title="Ledgers in draft", slug="draft-ledgers", status="draft")
    found = client.get("/search/suggest/", {"q": "ledg"}).json()["results"]
    assert [(r["kind"], r["title"]) for r in found][:2] == [
        ("Term", "Ledger"),
        ("Article", "Closing the ledger, part 0"),
    ]
    articles = [r for r in found if r["kind"] == "Article"]
    assert len(articles) == 3 and all(r["url"].startswith("/blog/closing-") for r in articles)


def test_a_results_page_says_the_total(make_term, visit):
    for n in range(results.RESULT_LIMIT * 2 + 3):
        make_term(title=f"Widget {n:02d}", slug=f"widget-{n}", body="About widgets.")
    summary = visit("/search/?q=widget&page=2").select_one(".search-summary").get_text()
    assert summary.startswith(f"Results {results.RESULT_LIMIT + 1}–{results.RESULT_LIMIT * 2} of 43 for")
    last = visit("/search/?q=widget&page=3").select_one(".search-summary").get_text()
    assert last.startswith(f"Results {results.RESULT_LIMIT * 2 + 1}–43 of 43 for")


def test_the_results_page_has_one_search_form_filled_with_the_query(make_term, visit):
    make_term(title="Widget", slug="widget")
    page = visit("/search/?q=widget")
    (form,) = page.select('form[role="search"]')
    assert form.select_one('input[name="q"]')["value"] == "widget"


def test_every_page_has_the_search_box(db, visit):
    for url in ["/", "/glossary/", "/blog/", "/search/"]:
        form = visit(url).select_one('header form[role="search"]')
        assert form["action"] == "/search/"
        assert form.select_one('input[name="q"]')["data-suggest-url"] == "/search/suggest/"


def test_a_snippet_shows_the_words_around_a_match_deep_in_a_long_body(make_article):
    body = "Filler words here. " * 300 + "Then the ledger balances at night. " + "More filler. " * 300
    make_article(title="Nightly jobs", slug="nightly", summary="Batch work.", body=body)
    (result,) = results.search("ledger")
    assert "<mark>ledger</mark> balances at night" in result.snippet
    assert len(result.snippet) < 300
    assert result.snippet.startswith("…") and result.snippet.endswith("…")


def test_results_go_on_past_the_first_page(make_term, visit):
    for n in range(results.RESULT_LIMIT + 5):
        make_term(title=f"Widget {n:02d}", slug=f"widget-{n}", body="About widgets.")
    first = visit("/search/?q=widget")
    assert len(first.select(".search-result")) == results.RESULT_LIMIT
    assert (
        first.select_one(".search-summary")
        .get_text()
        .startswith(f"Results 1–{results.RESULT_LIMIT} of {results.RESULT_LIMIT + 5} for")
    )
    more = first.select_one(".pagination a[rel=next]")
    assert more["href"] == "?q=widget&page=2"
    second = visit("/search/?q=widget&page=2")
    assert len(second.select(".search-result")) == 5
    assert second.select_one(".search-results")["start"] == str(results.RESULT_LIMIT + 1)
    assert second.select_one(".pagination a[rel=prev]")["href"] == "?q=widget&page=1"
    assert second.select_one(".pagination a[rel=next]") is None
    titles = {a.get_text() for page in (first, second) for a in page.select(".search-result h2 a")}
    assert len(titles) == results.RESULT_LIMIT + 5  # every result once, none twice


def test_a_page_past_the_end_says_so_and_a_bad_page_is_the_first(make_term, visit):
    make_term(title="Widget", slug="widget")
    assert "No more results" in visit("/search/?q=widget&page=3").select_one(".search-summary").get_text()
    assert len(visit("/search/?q=widget&page=x").select(".search-result")) == 1


def test_a_snippet_keeps_a_heading_apart_from_the_text_after_it(make_term, visit):
    make_term(title="Widget", slug="widget", body="## Advantages\n\nNo over-fetching of widgets.")
    snippet = visit("/search/?q=fetching").select_one(".search-result__snippet").get_text()
    assert "Advantages · No over-fetching" in snippet


# --- ranking like a reader thinks (issue 14) --------------------------------------


def result_titles(visit, query):
    return [a.get_text() for a in visit(f"/search/?q={query}").select(".search-result h2 a")]


def test_a_title_equal_to_the_query_comes_before_titles_that_contain_it(make_term, make_article, visit):
    make_term(title="Domain-Specific Language", slug="dsl", body="A DOM of its own. The dom dom dom.")
    make_term(title="DOM", slug="dom", body="The tree of a page.")
    make_article(title="DOM tricks", slug="dom-tricks", body="dom " * 20)
    assert result_titles(visit, "dom") == ["DOM", "Domain-Specific Language", "DOM tricks"]


def test_an_alias_equal_to_the_query_puts_its_term_first_folding_case_and_accents(make_term, visit):
    corp = make_term(title="Corporate card", slug="corporate-card", body="CORS cors cors.")
    corp.aliases.create(name="Corporation card", slug="corporation-card")
    cors = make_term(title="Cross-Origin Resource Sharing", slug="cors-term", body="Browsers check origins.")
    cors.aliases.create(name="CORS", slug="cors")
    make_term(title="École", slug="ecole", body="A school.")
    assert result_titles(visit, "cors")[0] == "Cross-Origin Resource Sharing"
    assert result_titles(visit, "ECOLE")[0] == "École"


def test_titles_starting_with_the_query_come_before_the_rest_terms_first(make_term, make_article, visit):
    make_article(title="Back to basics", slug="back-to-basics", body="Back end, back office, back again.")
    make_term(title="Backend Developer", slug="backend-developer", body="Builds servers.")
    make_term(title="Playback", slug="playback", body="The back end of media: back, back.")
    assert result_titles(visit, "back")[:2] == ["Backend Developer", "Back to basics"]
    assert result_titles(visit, "backend")[0] == "Backend Developer"


def test_terms_come_before_articles_that_rank_the_same(make_term, make_article, visit):
    make_article(title="Ledger", slug="ledger-article", summary="", body="Entries.")
    make_term(title="Ledger", slug="ledger", summary="", body="Entries.")
    assert [a["href"] for a in visit("/search/?q=entries").select(".search-result h2 a")] == [
        "/glossary/ledger/",
        "/blog/ledger-article/",
    ]


def test_did_you_mean_knows_the_words_of_bodies_not_only_titles(make_term, visit):
    make_term(title="Sharding", slug="sharding", body="Sharding is one road to scalability.")
    make_term(title="Secret plans", slug="secret", body="Confidentiality matters.", status="draft")
    status = visit("/search/?q=scalabilty").select_one(".search-summary")
    assert status.find("strong").get_text() == "scalability"
    assert visit("/search/?q=confidentialty").select_one(".search-summary a") is None, "drafts stay secret"


def test_a_query_over_the_limit_is_cut_and_the_page_says_so(make_term, visit):
    make_term(title="Caching", slug="caching")
    long_query = "caching " + "x" * 300
    page = visit(f"/search/?q={long_query}")
    assert len(page.select_one("#site-search-input")["value"]) == 200
    assert page.select_one("#site-search-input")["maxlength"] == "200"
    note = page.select_one(".search-note")
    assert "first 200 characters" in note.get_text()
    assert "x" * 192 + "”" in page.select_one(".search-summary").get_text()
    # A query within the limit is used whole, and the note is not shown.
    assert visit("/search/?q=caching").select_one(".search-note") is None
