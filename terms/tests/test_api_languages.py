"""The API in several languages: `?lang=` chooses the language, each term lists its
published translations, and the OpenAPI document says so; with one language the
API is what it was."""

import jsonschema
import pytest
from django.test import Client
from openapi_spec_validator import validate

from terms.models import Term


@pytest.fixture
def glossary(settings, make_term):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    deploy = make_term(title="Deployment", slug="deployment", summary="Shipping a release.")
    key = deploy.translation_key
    make_term(
        title="Bereitstellung",
        slug="bereitstellung",
        summary="Eine Version ausliefern.",
        language="de",
        translation_key=key,
        translated_from=1,
    )
    make_term(
        title="デプロイメント",
        slug="デプロイメント",
        summary="リリースを本番環境に反映すること。",
        language="ja",
        translation_key=key,
        translated_from=1,
        status=Term.Status.DRAFT,
    )
    make_term(title="API", slug="api", summary="Eine Schnittstelle.", language="de")
    return deploy


def schema(spec, name):
    return {**spec["components"]["schemas"][name], "components": spec["components"]}


def test_lang_chooses_the_language_and_each_term_lists_its_published_translations(glossary, client):
    term = client.get("/api/terms/bereitstellung/?lang=de").json()

    assert (term["title"], term["language"]) == ("Bereitstellung", "de")
    assert term["translations"] == [
        {
            "language": "en",
            "title": "Deployment",
            "slug": "deployment",
            "url": "http://testserver" + Term.objects.get(slug="deployment").get_absolute_url(),
        }
    ]
    source = client.get("/api/terms/deployment/").json()
    assert [(t["language"], t["slug"]) for t in source["translations"]] == [("de", "bereitstellung")]


def test_a_list_holds_the_terms_of_its_language_only(glossary, client):
    german = client.get("/api/terms/?lang=de").json()
    english = client.get("/api/terms/").json()

    assert [t["slug"] for t in german["results"]] == ["api", "bereitstellung"]
    assert [t["slug"] for t in english["results"]] == ["deployment"]
    assert client.get("/api/terms/?lang=ja").json()["count"] == 0


def test_a_term_is_found_only_in_its_own_language(glossary, client):
    assert client.get("/api/terms/api/").status_code == 404
    missing = client.get("/api/terms/api/?lang=ja")
    assert missing.status_code == 404
    assert missing.json()["message"] == "日本語には、スラッグが 'api' の公開済みの用語はありません。"


def test_the_source_slug_in_another_language_answers_301_to_the_translation(glossary, client):
    response = client.get("/api/terms/deployment/?lang=de")
    assert response.status_code == 301
    assert response["Location"] == "/api/terms/bereitstellung/?lang=de"
    # Japanese has only a draft: nothing to send the reader to.
    assert client.get("/api/terms/deployment/?lang=ja").status_code == 404


@pytest.mark.parametrize("query", ["lang=fr", "lang=", "lang=de&lang=ja", "lang=" + "x" * 500])
def test_a_language_the_site_lacks_is_a_json_400(glossary, client, query):
    for address in ("/api/terms/", "/api/terms/deployment/"):
        response = client.get(f"{address}?{query}")
        assert response.status_code == 400 and response["Content-Type"] == "application/json"
        assert "lang" in response.json()["message"]


def test_the_openapi_document_names_lang_and_translations_and_the_answers_match_it(glossary, client):
    spec = client.get("/api/openapi.json").json()
    validate(spec)

    for operation in [path["get"] for path in spec["paths"].values()]:
        lang = next(p for p in operation["parameters"] if p["name"] == "lang")
        assert lang["schema"]["enum"] == ["en", "de", "ja"]
    assert {"language", "translations"} <= set(spec["components"]["schemas"]["Term"]["required"])
    jsonschema.validate(client.get("/api/terms/bereitstellung/?lang=de").json(), schema(spec, "Term"))
    jsonschema.validate(client.get("/api/terms/?lang=de").json(), schema(spec, "TermPage"))


def test_with_one_language_terms_and_the_document_are_as_before(make_term, client):
    make_term(title="Cache", slug="cache")

    term = client.get("/api/terms/cache/").json()
    spec = client.get("/api/openapi.json").json()

    assert "translations" not in term and "language" not in term
    assert "TermTranslation" not in spec["components"]["schemas"]
    assert all(p["name"] != "lang" for path in spec["paths"].values() for p in path["get"]["parameters"])
    assert client.get("/api/terms/cache/?lang=en").json() == term
    assert client.get("/api/terms/cache/?lang=de").status_code == 400


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("de", "Kein veröffentlichter Begriff auf Deutsch hat den Slug 'nirgends'."),
        ("ja", "日本語には、スラッグが 'nirgends' の公開済みの用語はありません。"),
    ],
)
def test_a_missing_term_is_reported_in_the_language_lang_names(glossary, client, lang, message):
    response = client.get(f"/api/terms/nirgends/?lang={lang}")

    assert response.status_code == 404
    assert response.json()["message"] == message


@pytest.mark.parametrize(
    ("address", "status", "german", "japanese"),
    [
        (
            "/api/terms/?page=0",
            400,
            "page muss eine ganze Zahl von 1 bis 999.999.999 sein",
            "page には 1 から",
        ),
        (
            "/api/terms/?page=9",
            400,
            "Seite 9 liegt hinter dem Ende: Es gibt 1 Seite.",
            "page 9 は最後のページより後です",
        ),
        ("/api/terms/?sort=title", 400, "Unbekannter Parameter 'sort'", "不明なパラメーター 'sort'"),
        (
            "/api/terms/?updated_since=gestern",
            400,
            "updated_since muss eine Zeit nach ISO 8601",
            "ISO 8601 形式",
        ),
        ("/api/nowhere/", 404, "Diese Adresse gibt es in der API nicht", "API にこのアドレスはありません"),
    ],
)
def test_api_errors_are_in_the_language_lang_names(glossary, client, address, status, german, japanese):
    joiner = "&" if "?" in address else "?"
    for lang, expected in (("de", german), ("ja", japanese)):
        response = client.get(f"{address}{joiner}lang={lang}")
        assert response.status_code == status
        assert response["Content-Type"] == "application/json"
        assert expected in response.json()["message"], (lang, response.json()["message"])
    assert client.get(address).json()["message"].isascii(), "English without lang"


def test_too_many_requests_is_refused_in_the_language_lang_names(glossary, settings, one_rate_window):
    settings.API_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR="203.0.113.28")
    assert client.get("/api/terms/?lang=de").status_code == 200

    refused = client.get("/api/terms/?lang=de")
    assert refused.status_code == 429
    assert refused.json()["message"].startswith("Zu viele Anfragen von Ihrer Adresse")
    assert (
        client.get("/api/terms/?lang=ja")
        .json()["message"]
        .startswith("お使いのアドレスからのリクエストが多すぎます")
    )
