"""Sorting and filing titles in every script, as a reader of each language expects."""

import pytest

from glossary_site.content.scripts import bar_letters
from glossary_site.content.text import fold, index_letter, is_heading, sort_key


def filed(titles):
    """{heading: [titles in index order]}, headings in order of first appearance."""
    groups = {}
    for title in sorted(titles, key=lambda t: sort_key(reading(t))):
        groups.setdefault(index_letter(reading(title)), []).append(title)
    return groups


def reading(title):
    """A title, or the "sort as" reading an editor gave it after a pipe."""
    return title.partition("|")[2] or title


JAPANESE = [
    "データベース",
    "キャッシュ",
    "ガベージコレクション",
    "カーネル",
    "コンテナ",
    "関数|かんすう",
    "変数|へんすう",
    "配列",
    "ハッシュ",
    "バッファ",
    "パケット",
    "ピクセル",
    "ペイロード",
    "ポート",
    "ポインタ",
    "しきい値",
    "アルゴリズム",
    "ネットワーク",
    "メモリ",
    "ユーザー",
    "ルーター",
    "ワーカー",
    "デプロイ",
    "デザイン",
    "データ",
    "API",
    "3D セキュア",
]


def test_japanese_titles_file_under_their_kana_rows_katakana_and_hiragana_alike():
    groups = filed(JAPANESE)
    assert list(groups) == ["#", "A", "あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ", "字"]
    assert groups["か"] == [
        "カーネル",  # かあねる: ー lengthens the カ
        "関数|かんすう",
        "ガベージコレクション",  # が after every か, before き
        "キャッシュ",
        "コンテナ",
    ]
    assert groups["た"] == ["データ", "データベース", "デザイン", "デプロイ"]
    assert groups["さ"] == ["しきい値"]
    assert groups["字"] == ["配列"]  # Han without a reading


def test_voiced_and_semi_voiced_kana_file_under_the_plain_row_and_sort_after_it():
    groups = filed(JAPANESE)
    assert groups["は"] == [
        "ハッシュ",
        "バッファ",
        "パケット",
        "ピクセル",
        "変数|へんすう",
        "ペイロード",
        "ポインタ",
        "ポート",
    ]
    assert len({sort_key("ハス"), sort_key("バス"), sort_key("パス")}) == 3
    assert sort_key("ハス") < sort_key("バス") < sort_key("パス") < sort_key("ヒント")


def test_katakana_hiragana_and_half_width_kana_sort_as_one_word():
    assert sort_key("データベース") == sort_key("でーたべーす") == sort_key("ﾃﾞｰﾀﾍﾞｰｽ")
    assert fold("ガベージ") != fold("カベージ")
    assert index_letter("ヴィンテージ") == "あ" and index_letter("ヷ") == "わ"


def test_a_sort_key_begins_with_the_folded_beginning_of_the_title():
    # Search suggestions look titles up by a range of sort keys from a folded prefix.
    for title in ["ガベージコレクション", "データベース", "데이터베이스", "Ёмкость", "Web 2.0"]:
        for end in range(1, len(title)):
            assert sort_key(title).startswith(sort_key(title[:end])), title[:end]
            if not any(ch.isdigit() for ch in title[:end]):
                assert sort_key(title).startswith(fold(title[:end]).strip()), title[:end]


def test_korean_titles_file_under_their_initial_consonant_double_ones_after_the_plain():
    groups = filed(
        ["해시", "깃", "데이터베이스", "그래프", "가상 머신", "쓰레드", "서버", "네트워크", "알고리즘"]
    )
    assert list(groups) == ["ㄱ", "ㄴ", "ㄷ", "ㅅ", "ㅇ", "ㅎ"]
    assert groups["ㄱ"] == ["가상 머신", "그래프", "깃"]
    assert groups["ㅅ"] == ["서버", "쓰레드"]


def test_russian_titles_file_under_cyrillic_capitals_with_yo_as_ye_and_short_i_apart():
    titles = ["Ядро", "кэш", "Алгоритм", "база данных", "Ёмкость", "Единица", "Индекс", "Йоттабайт", "Шлюз"]
    groups = filed(titles)
    assert list(groups) == ["А", "Б", "Е", "И", "Й", "К", "Ш", "Я"]
    assert groups["Е"] == ["Единица", "Ёмкость"]


def test_greek_titles_file_under_greek_capitals_without_their_accents():
    groups = filed(["Ωρολόγιο", "Σύστημα", "Άλγεβρα", "αλγόριθμος", "Βάση δεδομένων"])
    assert list(groups) == ["Α", "Β", "Σ", "Ω"]
    assert groups["Α"] == ["Άλγεβρα", "αλγόριθμος"]


def test_german_umlauts_and_sharp_s_file_and_sort_as_their_plain_letters():
    groups = filed(
        ["Übertragung", "Abfrage", "Straße", "Äquivalenz", "Strasse", "Öffentlicher Schlüssel", "Umgebung"]
    )
    assert groups["A"] == ["Abfrage", "Äquivalenz"]
    assert groups["U"] == ["Übertragung", "Umgebung"]
    assert groups["O"] == ["Öffentlicher Schlüssel"]
    assert sort_key("Straße") == sort_key("Strasse")


def test_latin_titles_keep_the_keys_and_letters_they_always_had():
    assert sort_key("  École 2 ") == "ecole 0000000002"
    assert sort_key("Web 10") == "web 0000000010"
    assert [index_letter(t) for t in ["JSON", "école", "ıp", "Łódź", "ß-Test", "_private"]] == [
        "J",
        "E",
        "I",
        "#",
        "S",
        "#",
    ]


def test_digits_and_symbols_file_under_hash_in_natural_order():
    groups = filed(["404", "2FA", "3D Secure", "@mention", "10-K"])
    assert groups == {"#": ["2FA", "3D Secure", "10-K", "404", "@mention"]}


def test_a_reading_decides_where_a_han_title_files():
    assert index_letter("関数") == "字"
    assert index_letter("かんすう") == "か"
    assert index_letter("shujuku") == "S"  # 数据库 read in pinyin


@pytest.mark.parametrize(
    "letter, is_one", [("A", True), ("Д", True), ("か", True), ("ㄱ", True), ("字", True), ("#", True)]
)
def test_headings_are_the_letters_the_index_files_under(letter, is_one):
    assert is_heading(letter) is is_one


@pytest.mark.parametrize("letter", ["a", "É", "Ё", "が", "カ", "ㄲ", "漢", "AB", "", "Ł"])
def test_other_letters_are_no_heading(letter):
    assert not is_heading(letter)


def test_the_english_bar_is_a_to_z_then_hash_with_other_scripts_only_where_they_have_terms():
    assert bar_letters("en", []) == [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"]
    assert bar_letters("en", ["Д", "B", "か"])[25:] == ["Z", "Д", "か", "#"]


def test_the_japanese_bar_is_the_kana_rows_then_han_and_latin_letters_that_have_terms():
    assert bar_letters("ja", ["か", "字", "K", "A", "#"]) == [*"あかさたなはまやらわ", "字", "A", "K", "#"]


def test_other_languages_bars_start_with_their_own_alphabet():
    assert bar_letters("ru", ["Q"])[:3] == ["А", "Б", "В"]
    assert bar_letters("ru", ["Q"])[-2:] == ["Q", "#"]
    assert bar_letters("uk", [])[3:5] == ["Г", "Ґ"]
    assert bar_letters("ko", [])[:3] == ["ㄱ", "ㄴ", "ㄷ"]
    assert bar_letters("el", [])[:3] == ["Α", "Β", "Γ"]
    assert bar_letters("zh-hans", ["字"])[-3:] == ["Z", "字", "#"]
    assert bar_letters("de", ["Ы"])[-2:] == ["Ы", "#"]
