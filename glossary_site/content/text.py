"""Text folding shared by the index, sorting and search: one idea of "the same word"."""

import re
import unicodedata

from . import scripts

_DIGITS = re.compile(r"\d+")
# Letters whose mark makes another letter, not an accented one: Й, Ў, Ї. (Ё is
# folded to Е, as Russian indexes and searches do; kana keep their voiced marks.)
_OWN_LETTERS = {"й", "ў", "ї"}
_LENGTHENED = re.compile("[ぁ-ゖ]ー+")
_VOWELS = {
    vowel: kana
    for vowel, kana in (
        ("あ", "ぁあかがさざただなはばぱまゃやらゎわ"),
        ("い", "ぃいきぎしじちぢにひびぴみりゐ"),
        ("う", "ぅうくぐすずっつづぬふぶぷむゅゆるゔ"),
        ("え", "ぇえけげせぜてでねへべぺめれゑ"),
        ("お", "ぉおこごそぞとどのほぼぽもょよろを"),
    )
}
_VOWEL_OF = {kana: vowel for vowel, kanas in _VOWELS.items() for kana in kanas}


class _FoldedCharacters(dict):
    """What each character folds to, for str.translate, worked out the first time
    it is met: its letters without their marks (é -> e, 각 -> its jamo), katakana
    as hiragana (ガ -> が), the letters of _OWN_LETTERS and kana as they are."""

    def __missing__(self, code):
        char = chr(code)
        if 0x30A1 <= code <= 0x30F6:
            folded = _hiragana(char)
        elif 0x3041 <= code <= 0x3096 or char in _OWN_LETTERS:
            folded = char
        else:
            decomposed = unicodedata.normalize("NFKD", char)  # ヷ: ワ and a mark, so わ
            folded = "".join(_hiragana(ch) for ch in decomposed if not unicodedata.combining(ch))
            folded = code if folded == char else folded  # (None would delete it)
        self[code] = folded
        return folded


def _hiragana(char):
    code = ord(char)
    return chr(code - 0x60) if 0x30A1 <= code <= 0x30F6 else char


_FOLDED = _FoldedCharacters()


def fold(text):
    """Lower case without accents: "École" -> "ecole", "Straße" -> "strasse"; katakana
    as hiragana, ー as the vowel it lengthens, as dictionaries read it: "データ" -> "でえた".

    Marks that make another letter stay: が is not か, Й is not И."""
    if text.isascii():
        return text.lower()  # the same for ASCII, and an import folds millions of words
    # Composed first, so that a letter and its marks are one character to look up.
    folded = unicodedata.normalize("NFKC", text.casefold()).translate(_FOLDED)
    return _LENGTHENED.sub(_lengthened, folded) if "ー" in folded else folded


def _lengthened(match):
    run = match.group()
    vowel = _VOWEL_OF.get(run[0])
    return run[0] + vowel * (len(run) - 1) if vowel else run


def sort_key(title):
    """Order people expect: case and accents ignored, "Web 2" before "Web 10",
    データ between だんご and でんき.

    fold() works one character at a time from the left, so the key of a word's
    beginning begins the word's key: search finds titles by a prefix of their keys."""
    return _DIGITS.sub(lambda m: m.group().zfill(10), fold(title).strip())[:255]


def index_letter(title):
    """The index heading of a title: A–Z; a Greek or Cyrillic capital; the kana row
    (あ か さ た な は ま や ら わ); the Hangul initial (ㄱ ㄴ ㄷ ...); 字 for Han
    characters; or "#" for digits, symbols and other scripts.

    A term with a "sort as" reading is filed by that reading instead."""
    first = fold(title.strip())[:1]
    return scripts.heading(first) if first else scripts.OTHER


def is_heading(letter):
    """Whether the index files anything under `letter` ("A", "Д", "か", "ㄱ", "字", "#")."""
    return len(letter) == 1 and index_letter(letter) == letter
