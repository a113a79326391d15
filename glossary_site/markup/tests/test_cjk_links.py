"""Automatic links in Japanese, Chinese and Korean bodies: names found without spaces,
Latin names inside CJK text, and the over-linking a run of characters invites.

The matchers are built from a small Japanese glossary of a platform team, in the
words such a team writes; no database."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup import scripts
from glossary_site.markup.linker import MatchCase, Target, TermMatcher, phrases

JAPANESE_TERMS = [
    ("ノード", "node"),
    ("ノードプール", "node-pool"),
    ("デプロイ", "deploy"),
    ("ログ", "log"),
    ("ポート", "port"),
    ("ロール", "role"),
    ("バグ", "bug"),
    ("キャッシュ", "cache"),
    ("認証", "authentication"),
    ("証明書", "certificate"),
    ("負荷分散", "load-balancing"),
    ("API", "api"),
    ("REST", "rest"),
    ("Pod", "pod"),
    ("Kubernetes", "kubernetes"),
]


def target(number, slug, **rules):
    return Target(number, slug, f"/ja/glossary/{slug}/", "", **rules)


def matcher(terms=JAPANESE_TERMS, language="ja", **rules):
    return TermMatcher(
        [(title, target(n, slug, **rules.get(slug, {}))) for n, (title, slug) in enumerate(terms, 1)],
        never_in=phrases(["for instance"]),
        language=language,
    )


JAPANESE = matcher()


def links(html, linker=JAPANESE):
    out, _ = linker.link(html)
    return [
        (a.get_text(), a["href"].split("/")[-2])
        for a in BeautifulSoup(out, "html.parser").select("a.term-link")
    ]


def test_a_katakana_term_is_linked_where_it_opens_a_longer_word():
    html = "<p>新しいイメージをデプロイメントすると、古いレプリカは順に止まります。</p>"
    assert links(html) == [("デプロイ", "deploy")]


def test_the_longest_name_wins_inside_a_run_of_katakana():
    html = "<p>ノードプールを増やすと、新しいノードが自動で参加します。</p>"
    assert links(html) == [("ノードプール", "node-pool"), ("ノード", "node")]


@pytest.mark.parametrize(
    "sentence",
    [
        "<p>詳しくはチームのブログを読んでください。</p>",  # ログ ends ブログ
        "<p>夜間のサポートは当番が受け持ちます。</p>",  # ポート ends サポート
        "<p>アクセスのコントロールは管理者が行います。</p>",  # ロール ends コントロール
    ],
)
def test_a_katakana_term_ending_another_word_is_not_linked(sentence):
    assert links(sentence) == []


def test_the_same_katakana_term_is_linked_where_its_word_begins():
    html = "<p>ブログではなく、ログを先に確認してください。</p>"
    assert links(html) == [("ログ", "log")]


def test_a_kanji_term_is_linked_inside_a_compound_and_the_longest_wins():
    html = "<p>多要素認証を有効にしてから、証明書を更新し、負荷分散装置に配ります。</p>"
    assert links(html) == [
        ("認証", "authentication"),
        ("証明書", "certificate"),
        ("負荷分散", "load-balancing"),
    ]


def test_a_latin_name_between_japanese_characters_is_linked():
    html = "<p>このAPIはKubernetesのPodを一覧にします。</p>"
    assert links(html) == [("API", "api"), ("Kubernetes", "kubernetes"), ("Pod", "pod")]


@pytest.mark.parametrize(
    "sentence",
    [
        "<p>RAPIDな開発を目指します。</p>",  # API inside a Latin word
        "<p>公開APIsの一覧です。</p>",  # the English plural is English only
        "<p>残りのrestは後で決めます。</p>",  # a name in capitals only as written
        "<p>PodcastでKubernetesXの話をしました。</p>",
    ],
)
def test_a_latin_name_inside_a_latin_word_or_in_another_case_is_not_linked(sentence):
    assert links(sentence) == []


def test_voiced_and_plain_kana_are_different_names():
    assert links("<p>別れ際にハグをしました。</p>") == []
    assert links("<p>そのバグは昨日直しました。</p>") == [("バグ", "bug")]


def test_half_width_katakana_is_the_full_width_name():
    assert links("<p>ｷｬｯｼｭを消してから試します。</p>") == [("ｷｬｯｼｭ", "cache")]


def test_a_never_link_phrase_in_japanese_hides_the_name_inside_it():
    linker = matcher(cache={"never_in": phrases(["キャッシュレス決済"])})
    assert links("<p>売店はキャッシュレス決済だけです。</p>", linker) == []
    assert links("<p>キャッシュレス決済の後でキャッシュを消します。</p>", linker) == [("キャッシュ", "cache")]


def test_a_one_character_title_is_linked_only_when_the_editor_chose_only_as_written():
    terms = [("木", "tree"), ("鍵", "key")]
    plain = matcher(terms)
    assert links("<p>木構造の根から葉まで、鍵の順に辿ります。</p>", plain) == []
    chosen = matcher(terms, tree={"match_case": MatchCase.ALWAYS})
    assert links("<p>平衡した木を使い、鍵の順に辿ります。</p>", chosen) == [("木", "tree")]


def test_a_japanese_body_links_each_term_once_and_never_in_code_or_links():
    html = (
        "<h2 id='a'>ノードの管理</h2><p><code>ノード</code>は<a href='/x/'>ノード</a>です。"
        "ノードを一つ止めて、別のノードに移します。</p>"
    )
    assert links(html) == [("ノード", "node")]


def test_a_korean_noun_is_linked_before_its_particle_not_inside_another_word():
    korean = matcher([("노드", "node"), ("클러스터", "cluster")], language="ko")
    assert links("<p>클러스터는 여러 노드로 이루어집니다.</p>", korean) == [
        ("클러스터", "cluster"),
        ("노드", "node"),
    ]
    assert links("<p>슈퍼노드가 먼저 응답합니다.</p>", korean) == []


def test_a_chinese_body_links_the_longest_name_without_spaces():
    chinese = matcher([("容器", "container"), ("容器编排", "orchestration")], language="zh-hans")
    assert links("<p>容器编排系统会在节点失败时重新调度容器。</p>", chinese) == [
        ("容器编排", "orchestration"),
        ("容器", "container"),
    ]


def test_english_word_forms_apply_only_to_an_english_matcher():
    terms = [("Policy", "policy"), ("Time Stamp", "timestamp")]
    body = "<p>Zwei Policies und ein Timestamp.</p>"
    assert links(body, matcher(terms, language="en")) == [("Policies", "policy"), ("Timestamp", "timestamp")]
    assert links(body, matcher(terms, language="de")) == []


def test_words_of_spaced_scripts_and_cjk_characters_are_tokens_of_their_own():
    assert scripts.words("このAPIは REST-ful, Ünïcode 노드는") == [
        "こ", "の", "API", "は", "REST", "ful", "Ünïcode", "노", "드", "는",
    ]  # fmt: skip
    assert [scripts.fold_token(t) for t in ("デ", "ﾃ", "Ünï", "API")] == ["デ", "テ", "uni", "api"]
