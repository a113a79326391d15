"""The public API as a partner's code sees it: status, JSON shape, caching headers,
CORS, drafts kept out, bad input as 400 and the rate limit as 429."""

from datetime import timedelta

import jsonschema
import pytest
from django.test import Client
from django.utils import timezone
from openapi_spec_validator import validate

from glossary_site.content.models import SlugRedirect
from terms.models import Term, TermAlias


@pytest.fixture
def glossary(make_term):
    cache = make_term(
        title="Cache",
        slug="cache",
        summary="A store of copies kept close at hand.",
        body="A **cache** keeps copies of data where they are quick to reach. " + "More words. " * 60,
    )
    ledger = make_term(title="Ledger", slug="ledger", summary="A book of accounts.")
    cache_line = make_term(title="Cache Line", slug="cache-line", summary="The unit a CPU cache moves.")
    cache.related.add(ledger, cache_line)
    TermAlias.objects.create(term=cache, name="Caching", slug="caching")
    make_term(title="Cache Draft", slug="cache-draft", status=Term.Status.DRAFT)
    make_term(title="Cache Later", slug="cache-later", published_at=timezone.now() + timedelta(days=1))
    return cache


@pytest.fixture
def spec(db, client):
    return client.get("/api/openapi.json").json()


def schema(spec, name):
    """A component schema that jsonschema can check on its own (refs resolved in the document)."""
    return {**spec["components"]["schemas"][name], "components": spec["components"]}


def test_a_term_has_every_field_of_the_issue(glossary, client, spec):
    response = client.get("/api/terms/cache/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    term = response.json()
    jsonschema.validate(term, schema(spec, "Term"))
    assert term["title"] == "Cache" and term["slug"] == "cache"
    assert term["url"] == "http://testserver/glossary/cache/"
    assert term["summary"] == "A store of copies kept close at hand."
    assert term["aliases"] == ["Caching"]
    assert [other["slug"] for other in term["related"]] == ["cache-line", "ledger"]
    assert term["related"][1] == {
        "title": "Ledger",
        "slug": "ledger",
        "url": "http://testserver/glossary/ledger/",
    }
    assert term["published_at"].endswith("+00:00") and term["updated_at"]
    assert term["extract"].startswith("A cache keeps copies of data where they are quick to reach.")
    assert term["extract"].endswith("…") and len(term["extract"]) <= 301


def test_a_term_links_only_published_related_terms(glossary, client):
    glossary.related.add(Term.objects.get(slug="cache-draft"), Term.objects.get(slug="cache-later"))
    related = client.get("/api/terms/cache/").json()["related"]
    assert [other["slug"] for other in related] == ["cache-line", "ledger"]


@pytest.mark.parametrize("slug", ["cache-draft", "cache-later", "no-such-term"])
def test_drafts_scheduled_and_unknown_terms_are_404_json(glossary, client, slug):
    response = client.get(f"/api/terms/{slug}/")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "message": f"No published term has the slug '{slug}'."}


def test_an_alias_answers_301_to_the_terms_api_address(glossary, client):
    response = client.get("/api/terms/caching/")
    assert response.status_code == 301 and response["Location"] == "/api/terms/cache/"


def test_a_renamed_terms_old_slug_answers_301_to_its_api_address(glossary, client):
    glossary.slug = "data-cache"
    glossary.save()
    assert SlugRedirect.objects.filter(old_slug="cache").exists()
    response = client.get("/api/terms/cache/")
    assert response.status_code == 301 and response["Location"] == "/api/terms/data-cache/"


def test_without_q_every_published_term_a_to_z(glossary, client, spec):
    response = client.get("/api/terms/")
    page = response.json()
    jsonschema.validate(page, schema(spec, "TermPage"))
    assert [term["title"] for term in page["results"]] == ["Cache", "Cache Line", "Ledger"]
    assert page["count"] == 3 and page["next"] is None and page["previous"] is None


def test_pages_link_to_each_other_with_absolute_urls(make_term, client, settings):
    settings.API_PAGE_SIZE = 2
    for n in range(5):
        make_term(title=f"Term {n}", slug=f"term-{n}")
    first = client.get("/api/terms/").json()
    assert first["count"] == 5 and first["next"] == "http://testserver/api/terms/?page=2"
    third = client.get(first["next"].replace("http://testserver", "").replace("2", "3")).json()
    assert [term["slug"] for term in third["results"]] == ["term-4"]
    assert third["next"] is None and third["previous"] == "http://testserver/api/terms/?page=2"


def test_search_gives_the_sites_order_terms_only(glossary, make_article, client):
    make_article(title="Cache everything", slug="cache-everything", body="cache cache cache")
    page = client.get("/api/terms/?q=cache").json()
    titles = [term["title"] for term in page["results"]]
    # The site's own ranking: the exact name first, then names starting with it.
    assert titles == ["Cache", "Cache Line"]
    assert page["count"] == 2
    site = client.get("/search/?q=cache").content.decode()
    assert site.index("/glossary/cache/") < site.index("/glossary/cache-line/")


def test_search_by_alias_and_with_nothing_found(glossary, client):
    assert [t["slug"] for t in client.get("/api/terms/?q=caching").json()["results"]][0] == "cache"
    empty = client.get("/api/terms/?q=zebra").json()
    assert empty == {"count": 0, "next": None, "previous": None, "results": []}


def test_search_pages_keep_the_query_in_their_links(make_term, client, settings):
    settings.API_PAGE_SIZE = 1
    make_term(title="Queue", slug="queue")
    make_term(title="Queue Depth", slug="queue-depth")
    first = client.get("/api/terms/?q=queue").json()
    assert first["count"] == 2 and first["next"] == "http://testserver/api/terms/?q=queue&page=2"
    second = client.get("/api/terms/?q=queue&page=2").json()
    assert [t["slug"] for t in second["results"]] == ["queue-depth"]


def test_updated_since_lists_what_changed_oldest_first(glossary, client):
    since = timezone.now()
    ledger = Term.objects.get(slug="ledger")
    ledger.summary = "A book of accounts, kept in order."
    ledger.save()
    Term.objects.get(slug="cache-draft").save()  # a draft changed: still not public
    glossary.save()
    stamp = since.isoformat().replace("+00:00", "Z")
    page = client.get("/api/terms/", {"updated_since": stamp}).json()
    assert [term["slug"] for term in page["results"]] == ["ledger", "cache"]
    assert page["results"][0]["summary"] == "A book of accounts, kept in order."
    later = client.get("/api/terms/", {"updated_since": timezone.now().isoformat()}).json()
    assert later["count"] == 0


def test_updated_since_takes_an_offset_whose_plus_was_not_encoded(glossary, client):
    response = client.get("/api/terms/?updated_since=2000-01-01T00:00:00+02:00")
    assert response.status_code == 200 and response.json()["count"] == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "page must be a whole number from 1"),
        ("page=abc", "page must be a whole number from 1"),
        ("page=2", "page 2 is past the end: there is 1 page."),
        ("updated_since=yesterday", "updated_since must be an ISO 8601 time"),
        ("updated_since=", "updated_since must be an ISO 8601 time"),
        ("updated_since=2025-13-45T00:00:00Z", "updated_since must be an ISO 8601 time"),
        ("sort=title", "Unknown parameter 'sort'"),
        ("q=a&q=b", "Parameter 'q' is given more than once."),
        ("q=cache&updated_since=2025-01-01T00:00:00Z", "Give q or updated_since, not both."),
        ("q=" + "x" * 10_240, "q is longer than 200 characters."),
    ],
)
def test_bad_input_is_a_400_with_a_json_message(glossary, client, spec, query, message):
    response = client.get(f"/api/terms/?{query}")
    assert response.status_code == 400
    body = response.json()
    jsonschema.validate(body, schema(spec, "Error"))
    assert body["status"] == 400 and body["message"].startswith(message)


def test_a_term_takes_no_parameters(glossary, client):
    assert client.get("/api/terms/cache/?format=xml").status_code == 400


def test_other_addresses_under_the_api_are_json_404s_or_add_the_slash(glossary, client):
    missing = client.get("/api/nothing-here/")
    assert missing.status_code == 404 and missing.json()["status"] == 404
    slashless = client.get("/api/terms/cache")
    assert slashless.status_code == 301 and slashless["Location"] == "/api/terms/cache/"
    assert client.get("/api/nothing-here").status_code == 404  # no slash would help


def test_the_api_is_read_only(glossary, client):
    response = client.post("/api/terms/cache/")
    assert response.status_code == 405 and response.json()["status"] == 405


@pytest.mark.parametrize(
    "url", ["/api/terms/cache/", "/api/terms/", "/api/terms/?q=cache", "/api/openapi.json"]
)
def test_answers_are_cached_and_revalidate_with_304(glossary, client, url):
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"] and "X-Page-Cache" not in first
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and hit.content == first.content
    assert hit["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_change_is_in_the_very_next_answer(glossary, client):
    assert client.get("/api/terms/cache/").json()["summary"] == "A store of copies kept close at hand."
    glossary.summary = "Copies kept near."
    glossary.save()
    assert client.get("/api/terms/cache/").json()["summary"] == "Copies kept near."


def test_cors_allows_any_origin_without_credentials(glossary, client):
    response = client.get("/api/terms/cache/", HTTP_ORIGIN="https://docs.example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert not response.cookies
    preflight = client.options("/api/terms/cache/", HTTP_ORIGIN="https://docs.example.com")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.get("/api/terms/nope/")["Access-Control-Allow-Origin"] == "*"


def test_a_staff_session_sees_no_drafts_either(glossary, admin_user):
    staff = Client()
    staff.force_login(admin_user)
    assert staff.get("/api/terms/cache-draft/").status_code == 404
    assert "cache-draft" not in staff.get("/api/terms/?q=cache").content.decode()
    answer = staff.get("/api/terms/cache/")
    assert answer["ETag"] and answer["Last-Modified"]


def test_too_many_requests_from_one_address_get_429_with_retry_after(glossary, settings, one_rate_window):
    settings.API_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.get("/api/terms/cache/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/terms/cache/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "Too many requests" in refused.json()["message"]
    # Another address has its own allowance; pages outside the API have none.
    assert Client(REMOTE_ADDR="203.0.113.8").get("/api/terms/cache/").status_code == 200
    assert client.get("/glossary/cache/").status_code == 200


def test_the_openapi_document_validates_and_names_every_endpoint(spec):
    validate(spec)
    assert set(spec["paths"]) == {"/api/terms/", "/api/terms/{slug}/"}
    assert spec["servers"] == [{"url": "http://testserver/"}]


def test_the_human_page_explains_with_a_real_term(glossary, visit):
    page = visit("/api/")
    assert page.h1.get_text() == "Public API"
    example = page.select_one("#example ~ pre").get_text()
    assert '"slug": "cache"' in example and '"aliases": [\n    "Caching"\n  ]' in example
    assert "http://testserver/api/terms/?q=cache" in page.get_text()
