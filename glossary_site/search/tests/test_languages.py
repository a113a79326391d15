"""Search per language (issue 28): each language's items found only in that
language, with its analysis (search/analysis.py): Japanese words inside longer
words and Latin names inside Japanese text, voiced and plain kana apart, width
folded; German words by their stem, umlauts or not; English as before. "Did you
mean" from the language's own titles and words.

On a small glossary in three languages, built once for the module; the suite
runs it on SQLite, and on PostgreSQL with `make test DB=postgres`, where the
same queries must find the same items in the same order."""

import pytest
from django.test import override_settings
from django.utils import translation

from articles.models import Article
from glossary_site.search import indexing, results, suggestions
from glossary_site.testing.database import kept_for_module
from terms.models import Term

JAPANESE = {
    "デプロイメント": "アプリケーションを本番環境に配置して動かすこと。CIが自動でデプロイする。",
    "APIゲートウェイ": "クライアントからのリクエストを受けて、バックエンドのサービスに振り分ける入口。",
    "ノード": "クラスタを構成する一台のマシン。Kubernetesのノードはポッドを実行する。",
    "コンテナオーケストレーション": "多数のコンテナの配置、再起動、スケーリングを自動化する仕組み。",
    "負荷分散": "リクエストを複数のサーバーに分散して、一台に負荷が集中しないようにすること。",
    "公開鍵暗号": "公開鍵で暗号化し、秘密鍵でだけ復号できる暗号方式。TLSの土台。",
    "ガード節": "条件を満たさないときに関数から早く戻る書き方。入れ子を浅くする。",
    "カード型データ": "一件ごとに項目を持つデータ。表計算よりも自由な形で記録する。",
    "サービスメッシュ": "マイクロサービス間の通信を、プロキシを通して管理する層。",
}
GERMAN = {
    "Datenbank": "Ein System, das Daten dauerhaft speichert und Abfragen beantwortet.",
    "Replikation": "Mehrere Datenbanken werden synchron gehalten, damit ein Ausfall nichts verliert.",
    "Lastverteilung": "Ein Lastverteiler verteilt die Last der Anfragen auf mehrere Server.",
    "Öffentlicher Schlüssel": "Der Schlüssel, den jeder kennen darf; nur der private entschlüsselt.",
    "Zertifikat": "Ein signiertes Dokument, das die Identität eines Servers bestätigt.",
    "Datenbankserver": "Ein Server, auf dem eine Datenbank läuft. Häuser haben Keller, Server Festplatten.",
    "Container": "Ein Prozess mit eigenem Dateisystem. Viele Container laufen auf einem Knoten.",
}
ENGLISH = {
    "Database": "An organised store of data that many programs query at once.",
    "Deployment": "Putting a new version of an application into production.",
    "Load Balancer": "A server that spreads requests over several others. Also called a Lastverteiler.",
    "Container": "A process packaged with the files it needs.",
}


@pytest.fixture(scope="module")
def glossary(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker), override_settings(SITE_LANGUAGES=["en", "de", "ja"]):
        for language, terms in (("en", ENGLISH), ("de", GERMAN), ("ja", JAPANESE)):
            for number, (title, body) in enumerate(terms.items()):
                Term(
                    title=title, slug=f"{language}-{number}", language=language, summary=body.split("。")[0],
                    body=body, status=Term.Status.PUBLISHED,
                ).save()  # fmt: skip
        Article(
            title="Kubernetesを本番で動かす", slug="ja-k8s", language="ja", summary="運用の記録。",
            body="ノードが落ちても、ポッドは別のノードに移る。デプロイは一日に何度も。",
            status=Article.Status.PUBLISHED,
        ).save()  # fmt: skip
        yield


def titles(query, language):
    return [result.title for result in results.search(query, language=language)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "デプロイ",
            ["デプロイメント", "Kubernetesを本番で動かす"],
        ),  # inside デプロイメント and デプロイする
        ("ノード", ["ノード", "Kubernetesを本番で動かす"]),
        ("ゲートウェイ", ["APIゲートウェイ"]),
        ("API", ["APIゲートウェイ"]),
        ("api", ["APIゲートウェイ"]),
        ("ＡＰＩ", ["APIゲートウェイ"]),  # full width
        ("ﾃﾞﾌﾟﾛｲ", ["デプロイメント", "Kubernetesを本番で動かす"]),  # half width
        ("kubernetes", ["Kubernetesを本番で動かす", "ノード"]),
        ("分散", ["負荷分散"]),
        ("鍵", ["公開鍵暗号"]),
        ("秘密鍵", ["公開鍵暗号"]),
        ("オーケストレーション", ["コンテナオーケストレーション"]),
        ("コンテナ", ["コンテナオーケストレーション"]),
        ("TLS 暗号", ["公開鍵暗号"]),
        ("ガード", ["ガード節"]),
        ("カード", ["カード型データ"]),
        ("ハード", []),
        ("Datenbank", []),  # German, not Japanese
    ],
)
def test_a_japanese_search_finds_words_inside_longer_words(db, glossary, query, expected):
    assert titles(query, "ja") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Datenbank", ["Datenbank", "Datenbankserver", "Replikation"]),  # Datenbanken too
        ("Datenbanken", ["Datenbank", "Datenbankserver", "Replikation"]),
        ("verteilen", ["Lastverteilung"]),  # verteilt, by its stem
        ("die Last verteilen", ["Lastverteilung"]),  # "die" left out
        ("Schlüssel", ["Öffentlicher Schlüssel"]),
        ("Schlussel", ["Öffentlicher Schlüssel"]),
        ("oeffentlicher", ["Öffentlicher Schlüssel"]),  # oe for ö, as Snowball 3 reads it
        ("Zertifikate", ["Zertifikat"]),
        ("Haus", ["Datenbankserver"]),  # Häuser
        ("laufen", ["Container", "Datenbankserver"]),  # läuft: lauft, which starts with lauf
        ("Container", ["Container"]),
        ("database", []),  # English, not German
        ("デプロイ", []),
    ],
)
def test_a_german_search_finds_inflected_words_by_their_stem(db, glossary, query, expected):
    assert titles(query, "de") == expected


def test_an_english_search_keeps_to_english_items(db, glossary):
    assert titles("container", "en") == ["Container"]
    assert titles("deploy", "en") == ["Deployment"]
    assert titles("Lastverteiler", "en") == ["Load Balancer"]
    assert titles("デプロイ", "en") == []
    assert results.search("container") == results.search("container", language="en")


def test_a_snippet_marks_a_latin_name_inside_japanese_text_as_a_word(db, glossary):
    snippets = [str(result.snippet) for result in results.search("kubernetes", language="ja")]
    assert "クラスタを構成する一台のマシン。<mark>Kubernetes</mark>のノードはポッドを実行する。" in snippets


def test_a_snippet_marks_the_japanese_word_inside_a_longer_one(db, glossary):
    (result,) = results.search("スケーリング", language="ja")
    assert (
        str(result.snippet) == "多数のコンテナの配置、再起動、<mark>スケーリング</mark>を自動化する仕組み。"
    )


def test_totals_count_the_languages_items_only(db, glossary):
    assert results.total("Container", language="de") == 1
    assert results.total("コンテナ", language="ja") == 1


def test_did_you_mean_offers_the_languages_own_titles_and_words(db, glossary):
    assert suggestions.did_you_mean("Replikaton", language="de") == "Replikation"
    assert suggestions.did_you_mean("Replikaton", language="en") is None
    assert suggestions.did_you_mean("synchrn", language="de") == "synchron"  # a word of a body
    assert suggestions.did_you_mean("synchrn", language="en") is None
    assert suggestions.did_you_mean("デプロイメンド", language="ja") == "デプロイメント"
    assert suggestions.did_you_mean("databse", language="en") == "Database"
    assert suggestions.did_you_mean("databse", language="de") != "Database"


def test_suggestions_as_you_type_are_the_languages_titles(db, glossary):
    assert [s["title"] for s in suggestions.suggest("Contai", language="de")] == ["Container"]
    assert [s["title"] for s in suggestions.suggest("Datenb", language="de")] == [
        "Datenbank",
        "Datenbankserver",
    ]
    assert [s["title"] for s in suggestions.suggest("Datenb", language="en")] == []


@pytest.fixture
def i18n(settings):
    """Django's translation on, the three languages configured. Django keeps the
    translation functions it chose at first use; forgetting them, as its
    translation module says to, makes it choose again by USE_I18N."""
    settings.USE_I18N, settings.SITE_LANGUAGES = True, ["en", "de", "ja"]
    translation._trans.__dict__.clear()
    yield
    translation._trans.__dict__.clear()


def test_the_search_page_searches_the_active_language(db, glossary, visit, i18n):
    page = visit("/ja/search/?q=デプロイ")
    assert [a.text for a in page.select(".search-result h2 a")] == [
        "デプロイメント",
        "Kubernetesを本番で動かす",
    ]
    page = visit("/de/search/?q=Datenbanken")
    assert [a.text for a in page.select(".search-result h2 a")][:1] == ["Datenbank"]
    page = visit("/search/?q=Datenbanken")
    assert page.select(".search-result") == []


def test_the_search_box_of_a_page_suggests_titles_of_its_language(db, glossary, visit, client, i18n):
    box = visit("/ja/glossary/").select_one("#site-search-input")
    assert box["data-suggest-url"] == "/ja/search/suggest/"
    titles = [s["title"] for s in client.get(box["data-suggest-url"], {"q": "ノー"}).json()["results"]]
    assert titles == ["ノード"]
    german = visit("/de/glossary/").select_one("#site-search-input")["data-suggest-url"]
    assert [s["title"] for s in client.get(german, {"q": "Contai"}).json()["results"]] == ["Container"]
    assert visit("/glossary/").select_one("#site-search-input")["data-suggest-url"] == "/search/suggest/"


@override_settings(SITE_LANGUAGES=["en", "de", "ja"])
def test_the_bodies_mentioning_a_japanese_name_are_found_for_relinking(db, glossary):
    article = Article.objects.get(slug="ja-k8s")
    node, gateway = Term.objects.get(title="ノード"), Term.objects.get(title="APIゲートウェイ")

    mentioning = set(indexing.documents_mentioning(["ノード", "kubernetes"]))

    assert {("term", node.pk), ("article", article.pk)} <= mentioning
    assert ("term", gateway.pk) not in mentioning
    assert ("term", Term.objects.get(title="Datenbank").pk) in set(
        indexing.documents_mentioning(["Datenbanken"])
    )
