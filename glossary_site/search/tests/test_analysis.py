"""Each language's analysis (search/analysis.py), without the database: which
words a text is indexed as and which a query looks for."""

import pytest

from glossary_site.search.analysis import analysis


def found(language, query, text):
    """Whether every word of the query is in the text's index tokens, a CJK
    word's bigrams in a row, as both databases match them."""
    analysed = analysis(language)
    tokens = analysed.index_text(text).split()
    for term in analysed.query_terms(analysed.words(query)):
        size = len(term.tokens)
        rows = [tuple(tokens[at : at + size]) for at in range(len(tokens) - size + 1)]
        if term.prefix:
            head, last = term.tokens[:-1], term.tokens[-1]
            hit = any(row[:-1] == head and row[-1].startswith(last) for row in rows)
        else:
            hit = term.tokens in rows
        if not hit:
            return False
    return True


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("デプロイ", "アプリケーションのデプロイメントを自動化する"),
        ("ノード", "Kubernetesのノードは、Podを実行するマシンです"),
        ("kubernetes", "Kubernetesのノードは、Podを実行するマシンです"),
        ("ゲートウェイ", "APIゲートウェイがリクエストを振り分ける"),
        ("API", "APIゲートウェイがリクエストを振り分ける"),
        ("分散", "負荷分散装置"),
        ("鍵", "公開鍵暗号"),
        ("号", "公開鍵暗号"),
        ("ﾃﾞﾌﾟﾛｲ", "デプロイメント"),
        ("ＡＰＩ", "APIゲートウェイ"),
    ],
)
def test_a_japanese_word_is_found_anywhere_inside_longer_words(query, text):
    assert found("ja", query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [("カード", "ガード節で早く返す"), ("ガード", "カードの番号"), ("ハッシュ", "バッシュで書く")],
)
def test_voiced_and_plain_kana_are_different_words(query, text):
    assert not found("ja", query, text)


def test_a_cjk_word_is_not_found_with_its_characters_apart():
    assert not found("ja", "分散", "分けて散らす")
    assert not found("zh-hans", "数据库", "数据的仓库")
    assert found("zh-hans", "数据库", "关系型数据库管理系统")
    assert found("ko", "데이터", "데이터베이스 관리")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Datenbank", "Die Replikation hält mehrere Datenbanken synchron."),
        ("Datenbanken", "Eine Datenbank speichert Daten dauerhaft."),
        ("Verteilung der Last", "Ein Lastverteiler kann die Last verteilen."),
        ("Schlussel", "Der öffentliche Schlüssel ist bekannt."),
        ("Zertifikate", "Ein Zertifikat bestätigt die Identität."),
        ("Datenbank", "Der Datenbankserver antwortet."),  # a compound, by its first part
    ],
)
def test_a_german_word_is_found_in_its_other_forms(query, text):
    assert found("de", query, text)


def test_a_german_stem_is_not_a_prefix_of_every_word_inside_a_query():
    # Only the last word may be unfinished: "Daten" alone is a prefix, not before another word.
    assert found("de", "Daten", "Datenbanken")
    assert not found("de", "Daten speichert", "Datenbanken speichert")


def test_english_is_left_to_the_databases_own_analysis():
    assert analysis("en").native and analysis("en-gb").native
    assert analysis("en").index_text("Databases") == ""
