"""Text folding shared by the index, sorting and search: one idea of "the same word"."""

import re
import unicodedata

_DIGITS = re.compile(r"\d+")


def fold(text):
    """Lower case without accents: "École" -> "ecole", "Straße" -> "strasse"."""
    if text.isascii():
        return text.lower()  # the same for ASCII, and an import folds millions of words
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sort_key(title):
    """Order people expect: case and accents ignored, "Web 2" before "Web 10"."""
    return _DIGITS.sub(lambda m: m.group().zfill(10), fold(title).strip())[:255]


def index_letter(title):
    """A–Z heading for a title, or "#" for digits and symbols."""
    first = fold(title.strip())[:1].upper()
    return first if "A" <= first <= "Z" else "#"
