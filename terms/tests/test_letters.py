"""The index, letter pages and letter bar with titles in several scripts."""

from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.test import override_settings
from django.utils import translation

from glossary_site.serving import pagecache
from glossary_site.testing import scripts_corpus
from terms.models import Term


@contextmanager
def pages_in(language):
    """Pages made in `language`, as its /ja/ or /de/ addresses make them. Django picks
    its translation functions by USE_I18N once, so they are picked again on the way
    in and out."""
    languages = [("en", "English"), (language, language)]
    with override_settings(USE_I18N=True, SITE_LANGUAGES=["en", language], LANGUAGES=languages):
        translation._trans.__dict__.clear()
        with translation.override(language):
            yield
    translation._trans.__dict__.clear()


@pytest.fixture
def in_japanese():
    with pages_in("ja"):
        yield


def add(make_term, corpus, **fields):
    for title, reading, slug in corpus:
        make_term(title=title, sort_as=reading, slug=slug, **fields)


def groups_on(page):
    return {
        section.select_one("h2").get_text(): [a.get_text() for a in section.select("li > a")]
        for section in page.select("section.letter-group")
    }


def bar_on(page):
    return [li.select_one(".letter-bar__letter").get_text() for li in page.select(".letter-bar li")]


def test_the_index_files_each_script_under_its_own_headings_after_a_to_z(make_term, visit, settings):
    settings.INDEX_TERMS_PER_LETTER = 10
    for corpus in (scripts_corpus.JAPANESE, scripts_corpus.KOREAN, scripts_corpus.RUSSIAN):
        add(make_term, corpus)
    page = visit("/glossary/")
    assert bar_on(page)[26:] == [*"АБЕЙК", *"あかさたなはまやらわ", *"ㄱㄷㅅㅎ", "字", "#"]
    groups = groups_on(page)
    assert groups["か"] == ["カーネル", "関数", "ガベージコレクション", "キャッシュ", "コンテナ"]
    assert groups["は"] == ["ハッシュ", "バッファ", "パケット", "ピクセル", "変数", "ポート"]
    assert groups["た"] == ["データ", "データベース", "デプロイ"]
    assert groups["ㄱ"] == ["가상 머신", "그래프", "깃"]
    assert groups["Е"] == ["Единица", "Ёмкость"]
    assert groups["字"] == ["配列"]
    assert groups["A"] == ["API ゲートウェイ"]


def test_a_kana_row_has_a_letter_page_at_its_percent_encoded_address(make_term, visit):
    add(make_term, scripts_corpus.JAPANESE)
    make_term(title="ガス", slug="gasu", status="draft")
    address = f"/glossary/letter/{quote('か')}/"
    assert visit("/glossary/").find("a", href=address) is not None
    page = visit(address)
    assert page.select_one("h1").get_text() == "Terms in the か row"
    assert [a.get_text() for a in page.select(".term-list a")] == [
        "カーネル",
        "関数",
        "ガベージコレクション",
        "キャッシュ",
        "コンテナ",
    ]
    assert page.select_one('.letter-bar a[aria-current="page"] .letter-bar__letter').get_text() == "か"


@pytest.mark.parametrize("letter", ["ㄱ", "к", "字"])
def test_hangul_cyrillic_and_han_headings_have_letter_pages(make_term, visit, letter):
    for corpus in (scripts_corpus.JAPANESE, scripts_corpus.KOREAN, scripts_corpus.RUSSIAN):
        add(make_term, corpus)
    page = visit(f"/glossary/letter/{quote(letter)}/")
    assert len(page.select(".term-list a")) >= 1


@pytest.mark.parametrize("letter", ["が", "ガ", "カ", "ㄲ", "漢", "Д", "ё", "ς"])
def test_a_letter_the_index_files_nothing_under_is_404(db, visit, letter):
    visit(f"/glossary/letter/{quote(letter)}/", status=404)


def test_a_reading_refiles_a_han_term_when_it_is_given_or_changed(make_term):
    term = make_term(title="関数", slug="kansu")
    assert Term.objects.get(pk=term.pk).index_letter == "字"
    term.sort_as = "かんすう"
    term.save(update_fields=["sort_as"])
    stored = Term.objects.get(pk=term.pk)
    assert (stored.index_letter, stored.sort_key, stored.letter) == ("か", "かんすう", "か")
    term.sort_as = "hanshu"  # read in pinyin
    term.save()
    assert Term.objects.get(pk=term.pk).index_letter == "H"


def test_the_term_form_shows_sort_as_beside_the_title(admin_client, make_term):
    from bs4 import BeautifulSoup

    term = make_term(title="関数", slug="kansu")
    page = BeautifulSoup(admin_client.get(f"/admin/terms/term/{term.pk}/change/").content, "html.parser")
    row = page.select_one("#id_title").find_parent(class_="form-row")
    assert row.select_one("#id_sort_as") is not None
    assert "かんすう" in row.get_text()  # the help text's example


def test_the_japanese_index_has_the_kana_rows_and_only_japanese_terms(make_term, visit, in_japanese):
    make_term(title="Alpha", slug="alpha", language="en")
    make_term(title="Zebra", slug="zebra", language="en")
    add(make_term, scripts_corpus.JAPANESE, language="ja")
    page = visit("/ja/glossary/")
    assert bar_on(page) == [*"あかさたなはまやらわ", "字", "A", "H", "#"]
    groups = groups_on(page)
    assert list(groups) == [*"あかさたなはまやらわ", "字", "A", "H", "#"]
    assert groups["A"] == ["API ゲートウェイ"]
    assert "Alpha" not in page.get_text() and "Zebra" not in page.get_text()
    assert f"収録語数: {len(scripts_corpus.JAPANESE)}語" in page.select_one(".lead").get_text()


def test_the_english_index_leaves_japanese_terms_and_their_letters_out(make_term, visit):
    make_term(title="Alpha", slug="alpha")
    add(make_term, scripts_corpus.JAPANESE, language="ja")
    page = visit("/glossary/")
    assert bar_on(page) == [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"]
    assert groups_on(page) == {"A": ["Alpha"]}


def test_a_letter_page_and_its_counts_are_of_the_page_s_language(make_term, client, visit):
    make_term(title="HTTPS", slug="https")
    make_term(title="Hash", slug="hash")
    add(make_term, scripts_corpus.JAPANESE, language="ja")
    english = visit("/glossary/letter/h/")
    assert [a.get_text() for a in english.select(".term-list a")] == ["Hash", "HTTPS"]
    pagecache.clear()
    with pages_in("ja"):
        japanese = visit("/ja/glossary/letter/h/")
    assert [a.get_text() for a in japanese.select(".term-list a")] == ["HTTP"]
    h = next(
        li
        for li in japanese.select(".letter-bar li")
        if li.select_one(".letter-bar__letter").get_text() == "H"
    )
    assert h.get_text(" ", strip=True) == "H : 1 語"


def test_the_sitemap_lists_each_languages_letter_pages_at_its_own_address(make_term, client, settings):
    settings.SITE_LANGUAGES = ["en", "ja"]
    make_term(title="Hash", slug="hash")
    add(make_term, scripts_corpus.JAPANESE, language="ja")
    sitemap = client.get("/sitemap-letters.xml").content.decode()
    assert "/glossary/letter/h/" in sitemap and "/ja/glossary/letter/h/" in sitemap
    assert f"/ja/glossary/letter/{quote('か')}/" in sitemap
    english = sitemap.replace("/ja/glossary/", "/ja-glossary/")  # the unprefixed addresses
    assert f"/glossary/letter/{quote('か')}/" not in english
    assert "/glossary/letter/a/" not in english  # no English term starts with A


def test_a_kana_row_and_the_han_heading_are_named_for_what_they_hold(make_term, visit, settings):
    settings.INDEX_TERMS_PER_LETTER = 2
    add(make_term, scripts_corpus.JAPANESE, language="ja")
    with pages_in("ja"):
        row = visit(f"/ja/glossary/letter/{quote('か')}/")
        han = visit(f"/ja/glossary/letter/{quote('字')}/")
        latin = visit("/ja/glossary/letter/h/")
        index = visit("/ja/glossary/")

    assert row.select_one("h1").get_text() == "か行の用語"
    assert "用語集: か行" in row.title.get_text()
    assert row.select_one('meta[name="description"]')["content"] == "か行の用語。"
    assert han.select_one("h1").get_text() == "漢字の用語"
    assert latin.select_one("h1").get_text() == "「H」で始まる用語"
    more = [a.get_text() for a in index.select(".letter-group__more a")]
    assert "か行の用語すべて（5語）" in more
