"""Text folding shared by the index, sorting and search: one idea of "the same word"."""

import re
import unicodedata

from . import scripts

_DIGITS = re.compile(r"\d+")
_VOICING = "\u3099\u309a"  # the kana voiced and semi-voiced marks, as NFKD splits them off
_KANA = range(0x3041, 0x30FF)
# Marks that make a letter of its own in its alphabet, not an accent: Й and Ў
# (breve), Ї (diaeresis). Ё is folded to Е, as Russian indexes and searches do.
_OWN_LETTERS = {"и\u0306", "у\u0306", "і\u0308"}
_KATAKANA = range(0x30A1, 0x30F7)  # ァ..ヶ: each 0x60 above its hiragana
_LONG_VOWEL = "ー"
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


def fold(text):
    """Lower case without accents: "École" -> "ecole", "Straße" -> "strasse"; katakana
    as hiragana ("データ" -> "でえた", ー read as the vowel it lengthens, as
    dictionaries read it).

    Marks that make another letter stay: が is not か, Й is not И."""
    if text.isascii():
        return text.lower()  # the same for ASCII, and an import folds millions of words
    kept = []
    for ch in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(ch):
            if kept and _own_letter(kept[-1], ch):
                kept[-1] = unicodedata.normalize("NFC", kept[-1] + ch)
        elif ord(ch) in _KATAKANA:
            kept.append(chr(ord(ch) - 0x60))
        elif ch == _LONG_VOWEL and kept and kept[-1] in _VOWEL_OF:
            kept.append(_VOWEL_OF[kept[-1]])
        else:
            kept.append(ch)
    return "".join(kept)


def _own_letter(base, mark):
    return (mark in _VOICING and ord(base) in _KANA) or base + mark in _OWN_LETTERS


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
