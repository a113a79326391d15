"""A body links only the terms of its own language, and a term's relinking reaches only
the bodies of its language (SITE_LANGUAGES=en,de,ja)."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from glossary_site.markup import mentions, relinking
from glossary_site.markup.linker import Target, TermMatcher
from terms.models import Term


@pytest.fixture
def three_languages(settings):
    settings.SITE_LANGUAGES = ["en", "de", "ja"]
    mentions.forget()
    yield
    mentions.forget()


def linked(item):
    """The slugs the body links, in order (whatever prefix a language's addresses get)."""
    item.refresh_from_db()
    hrefs = [a["href"] for a in BeautifulSoup(item.body_html, "html.parser").select("a.term-link")]
    return [unquote(href.rstrip("/").rsplit("/", 1)[-1]) for href in hrefs]


def test_a_german_body_links_the_german_term_not_the_english_one_of_the_same_spelling(
    three_languages, make_term, make_article
):
    english = make_term(title="Load Balancer", slug="load-balancer")
    make_term(
        title="Lastverteiler",
        slug="lastverteiler",
        language="de",
        translation_key=english.translation_key,
        summary="Verteilt Anfragen auf mehrere Server.",
    )
    article = make_article(
        language="de",
        body="Vor dem Cluster steht ein Load Balancer. Der Lastverteiler prüft jede Instanz.",
    )
    assert linked(article) == ["lastverteiler"]
    assert list(article.mentioned_terms.values_list("slug", flat=True)) == ["lastverteiler"]


def test_a_japanese_body_links_japanese_terms_and_latin_names_but_no_english_only_term(
    three_languages, make_term, make_article
):
    make_term(title="Sidecar", slug="sidecar", summary="A helper container beside the main one.")
    make_term(title="Pod", slug="pod")
    make_term(title="Pod", slug="pod-ja", language="ja", summary="コンテナをまとめて動かす単位。")
    make_term(
        title="コンテナ", slug="コンテナ", language="ja", summary="アプリと依存物を一つにした実行単位。"
    )
    article = make_article(
        language="ja",
        body="Sidecarパターンでは、KubernetesのPodの中でメインのコンテナの横に補助コンテナを置きます。",
    )
    assert linked(article) == ["pod-ja", "コンテナ"]


def test_an_english_body_keeps_linking_english_terms_only(three_languages, make_term, make_article):
    make_term(title="Webhook", slug="webhook")
    make_term(title="Webhook", slug="webhook-de", language="de")
    article = make_article(body="Each deploy calls a webhook.")
    assert linked(article) == ["webhook"]


def test_a_new_term_relinks_bodies_of_its_language_only(
    three_languages, make_term, make_article, django_capture_on_commit_callbacks
):
    english = make_article(body="The registry keeps every image.")
    german = make_article(language="de", body="Die Registry speichert jedes Image.")
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="Registry", slug="registry-de", language="de")
    assert linked(german) == ["registry-de"]
    assert linked(english) == []
    bodies = {("article", english.pk), ("article", german.pk)}
    assert relinking.in_language(bodies, "de") == {("article", german.pk)}
    assert relinking.in_language(bodies, "en") == {("article", english.pk)}


def test_each_language_keeps_its_own_matcher_as_terms_change(three_languages, make_term):
    make_term(title="Cluster", slug="cluster")
    german = mentions.matcher("de")
    assert german.link("<p>Ein Cluster.</p>")[1] == []
    term = make_term(title="Cluster", slug="cluster-de", language="de")
    assert mentions.matcher("de").link("<p>Ein Cluster.</p>")[1] == [term.pk]
    assert mentions.matcher("en").link("<p>A cluster.</p>")[1] == [Term.objects.get(slug="cluster").pk]
    assert set(mentions.matchers()) == {"en", "de", "ja"}


def test_one_language_links_as_before(make_term, make_article):
    make_term(title="Queue", slug="queue")
    article = make_article(body="Messages wait in queues.")
    assert linked(article) == ["queue"]
    assert Article.objects.get(pk=article.pk).language == "en"


def test_a_german_matcher_links_regular_german_forms_and_no_english_ones():
    german = TermMatcher(
        [
            (title, Target(n, slug, f"/de/glossary/{slug}/", ""))
            for n, (title, slug) in enumerate(
                [("Dienst", "dienst"), ("Server", "server"), ("Schnittstelle", "schnittstelle"),
                 ("Bereitstellung", "bereitstellung"), ("API", "api"), ("Proxy", "proxy"), ("Policy", "policy")],
                1,
            )
        ],
        language="de",
    )  # fmt: skip
    html = (
        "<p>Die Dienste des Servers bieten Schnittstellen an; nach zwei Bereitstellungen "
        "antworten die APIs über Proxys. Policies gelten weiter.</p>"
    )
    out, _ = german.link(html)
    assert [a.get_text() for a in BeautifulSoup(out, "html.parser").select("a.term-link")] == [
        "Dienste", "Servers", "Schnittstellen", "Bereitstellungen", "APIs", "Proxys",
    ]  # fmt: skip


def test_a_new_japanese_term_relinks_japanese_bodies_that_hold_it_inside_longer_words(
    three_languages, make_term, make_article, django_capture_on_commit_callbacks
):
    inside = make_article(language="ja", body="新しいイメージをデプロイメントすると、古いものは止まります。")
    alone = make_article(language="ja", body="金曜日の夕方にはデプロイしません。")
    english = make_article(body="We never deploy on Fridays (デプロイ in Japanese).")
    with django_capture_on_commit_callbacks(execute=True):
        make_term(title="デプロイ", slug="deploy-ja", language="ja")
    assert linked(inside) == linked(alone) == ["deploy-ja"]
    assert linked(english) == []


def test_a_link_in_a_german_body_goes_to_the_german_address_whatever_the_editor_speaks(
    three_languages, make_term, make_article
):
    from django.utils import translation

    make_term(title="Lastverteiler", slug="lastverteiler", language="de")
    with translation.override("en"):  # the admin's language, for this editor
        article = make_article(language="de", body="Der Lastverteiler prüft jede Instanz.")
    article.refresh_from_db()
    hrefs = [a["href"] for a in BeautifulSoup(article.body_html, "html.parser").select("a.term-link")]
    assert hrefs == ["/de/glossary/lastverteiler/"]
