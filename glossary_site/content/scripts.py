"""The writing systems the index knows: what a folded word files under (a Latin,
Greek or Cyrillic capital, a kana row, a Hangul initial, one heading for Han
characters, or "#") and the order of those headings in each language's letter bar.

Works on text already folded by content.text.fold (lower case, no accents, Hangul
decomposed into its letters), which is what content.text hands it."""

from bisect import bisect_right

OTHER = "#"
# Han characters with no "sort as" reading share one heading: 字 ("character") is
# written the same in Japanese, simplified and traditional Chinese, and Korean Hanja.
HAN = "字"

LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
# Russian, Ukrainian and Belarusian letters in their alphabets' order, for the bar.
CYRILLIC = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУЎФХЦЧШЩЪЫЬЭЮЯ"
KANA_ROWS = "あかさたなはまやらわ"
# The fourteen plain initials; a double one (ㄲ ㄸ ㅃ ㅆ ㅉ) files under its plain
# one, as in the index of a Korean dictionary, and sorts after it.
HANGUL = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"

# The first hiragana of each row, in code point order: ぁ..お, か..ご, さ..ぞ, ...
_ROW_STARTS = [0x3041, 0x304B, 0x3055, 0x305F, 0x306A, 0x306F, 0x307E, 0x3083, 0x3089, 0x308E]
_ROW_OF_LATER = {"ゔ": "あ", "ゕ": "か", "ゖ": "か"}
# The 19 conjoining initials U+1100..U+1112 (ᄀ ᄁ ᄂ ᄃ ᄄ ...) under their headings.
_HANGUL_INITIALS = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ"

# The bar's own letters per language (its primary subtag): Latin A–Z elsewhere.
_ALPHABETS = {
    "ru": "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ",
    "uk": "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ",
    "be": "АБВГДЕЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЭЮЯ",
    "bg": "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЮЯ",
    "el": GREEK,
    "ja": KANA_ROWS,
    "ko": HANGUL,
}
# After the language's own scripts, the others in this order, then "#".
_SCRIPTS = ("latin", "greek", "cyrillic", "kana", "hangul", "han")
_OWN_SCRIPTS = {"ja": ("kana", "han"), "zh": ("latin", "han"), "ko": ("hangul",)}
_ORDER_IN_SCRIPT = {"latin": LATIN, "greek": GREEK, "cyrillic": CYRILLIC, "kana": KANA_ROWS, "hangul": HANGUL}


def heading(char):
    """The index heading of a word whose folded, hiragana-mapped form starts with char."""
    upper = char.upper()
    if "A" <= upper <= "Z":
        return upper  # as ever, ı (dotless i) too
    code = ord(char)
    if 0x3041 <= code <= 0x3096:
        return _ROW_OF_LATER.get(char) or KANA_ROWS[bisect_right(_ROW_STARTS, code) - 1]
    if 0x1100 <= code <= 0x1112:
        return _HANGUL_INITIALS[code - 0x1100]
    if 0x03B1 <= code <= 0x03C9 or 0x0430 <= code <= 0x045F or (0x048B <= code <= 0x04FF and code % 2):
        return upper  # Greek and Cyrillic small letters (odd ones past U+048A)
    if is_han(code):
        return HAN
    return OTHER


def is_han(code):
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or code == 0x3005  # 々, repeating the character before it
    )


def script(letter):
    """The writing system of a heading, or None for "#"."""
    if letter in LATIN:
        return "latin"
    if letter == HAN:
        return "han"
    code = ord(letter)
    for name, first, last in (
        ("greek", 0x0370, 0x03FF),
        ("cyrillic", 0x0400, 0x04FF),
        ("kana", 0x3041, 0x3096),
        ("hangul", 0x3131, 0x318E),
    ):
        if first <= code <= last:
            return name
    return None


def heading_kind(letter):
    """What a heading stands for, which its page's title says in words: "symbol" (#),
    "row" (a kana row: か files か to ご, so "the か row", 「か行」, not "starting with
    か"), "han" (字: Han titles without a reading) or "letter"."""
    if letter == OTHER:
        return "symbol"
    if letter in KANA_ROWS:
        return "row"
    return "han" if letter == HAN else "letter"


def bar_letters(language, letters):
    """The headings a letter bar shows on a page in `language`: every letter of its
    own alphabet, then each other heading in `letters` (those that have terms), own
    scripts first, then Latin, Greek, Cyrillic, kana, Hangul, Han; "#" last."""
    primary = language.split("-")[0].lower()
    own = _ALPHABETS.get(primary, LATIN)
    scripts = [*_OWN_SCRIPTS.get(primary, (script(own[0]),)), *_SCRIPTS]

    def place(letter):
        name = script(letter)
        if name is None:
            return (len(scripts), 0, letter)
        order = _ORDER_IN_SCRIPT.get(name, "")
        position = order.index(letter) if letter in order else len(order)
        return (scripts.index(name), position, letter)

    shown = {*own, *(letter for letter in letters if letter), OTHER}
    return sorted(shown, key=place)
