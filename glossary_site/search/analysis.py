"""How each language's text becomes the words search indexes and looks for: the
one place search chooses its analysis by language and script.

- English is left to the databases' own English analysis (FTS5's porter
  tokenizer, PostgreSQL's english configuration): `native`, as search always was.
- A language with a Snowball stemmer (German, French, ...) is stemmed here, in
  Python, by the same stemmer for both databases.
- Chinese, Japanese and Korean write words without spaces: each run of their
  characters is indexed as overlapping pairs (bigrams) and the run's last character,
  so that a word is found anywhere inside a longer one (デプロイ in デプロイメント)
  and a single character is found too (as a prefix). Latin words among them stay
  words.

Everything here except `native` text is normalised with NFKC (full-width "ＡＰＩ" is
"API", half-width "ｶﾞ" is "ガ") and case-folded, but never stripped of combining
marks in CJK text: が and か stay different words. The analysed text is stored
beside the document (SearchDocument.analysed_*) and indexed by both databases
without any analysis of their own, so both see exactly the same words."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from glossary_site.content.text import fold

_MARKS = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M"))
# Letters, digits and combining marks (Devanagari's vowel signs are marks), as
# the index's FTS5 tokenizer is told to keep them: an underscore or anything else
# splits a word, so neither database splits a token further.
WORD = re.compile(r"\w+")  # query.WORD: the words of English text, as search always read them
TOKEN = re.compile(f"(?:[^\\W_]|[{re.escape(_MARKS)}])+")
_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # hiragana, katakana (with ー)
    (0x3100, 0x312F),  # bopomofo
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B onwards
)
CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES)
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_CJK_OR_NOT = re.compile(f"([{CJK_CLASS}]+)|([^{CJK_CLASS}]+)")
_CJK_LANGUAGES = {"ja", "zh", "ko"}
# Snowball's algorithms (snowballstemmer's names) by language code.
_SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "nb": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
# Words too common to look for, left out of queries (not of the index), as English
# stopwords are (query.STOPWORDS): "Verteilung der Last" finds "die Last verteilen".
_STOPWORDS = {
    "de": frozenset(
        """
        der die das den dem des ein eine einer eines einem einen und oder aber von vom zu zum zur mit
        im in am an auf aus bei für ist sind war wird werden wie als auch nicht noch nur so es sich
        """.split()
    ),
}
# A prefix of one letter would match much of the index.
MIN_PREFIX_CHARS = 2


@dataclass(frozen=True)
class Term:
    """One word of a query, as the index holds it: the tokens in a row (a phrase
    when a CJK run makes several bigrams), the last one matching as a prefix when
    `prefix`."""

    tokens: tuple
    prefix: bool = False


@dataclass(frozen=True)
class Analysis:
    """What search does with one language's text (see the module docstring)."""

    kind: str  # "native", "stemmed", "cjk" or "plain"
    stemmer: str = ""
    stopwords: frozenset = frozenset()

    @property
    def native(self):
        return self.kind == "native"

    def index_text(self, text):
        """The text as space-separated index tokens ("" for native languages)."""
        if self.native or not text:
            return ""
        return " ".join(self._tokens(text))

    def query_terms(self, words):
        """The Terms for a query's words (words()), the last one the reader may
        still be typing; stopwords left out."""
        words = [word for word in words if word not in self.stopwords]
        terms = []
        for number, word in enumerate(words):
            last = number == len(words) - 1
            if self.kind == "cjk" and CJK_RUN.fullmatch(word):
                grams = tuple(_bigrams(word)) if len(word) > 1 else (word,)
                terms.append(Term(grams, prefix=len(word) == 1))
            else:
                token = self._word(word)
                terms.append(Term((token,), prefix=last and len(token) >= MIN_PREFIX_CHARS))
        return terms

    def words(self, text):
        """The query words of a text: case-folded NFKC words, CJK runs apart from
        the Latin words beside them (APIゲートウェイ is "api" and "ゲートウェイ")."""
        text = normalise(text)
        if self.kind != "cjk":
            return TOKEN.findall(text)
        return [word for part in _CJK_OR_NOT.finditer(text) for word in _split(part)]

    def spelled_words(self, text):
        """The words of a text that "did you mean" may offer: without accents, and
        no CJK runs (no respelling of a run makes sense: titles stand in for them)."""
        if self.native:
            return WORD.findall(fold(text or ""))
        return [unaccented(word) for word in self.words(text) if not CJK_RUN.match(word)]

    def roots(self, word):
        """What a query word's forms start with, for highlighting and ranking."""
        if self.kind == "stemmed":
            return self._word(word)
        return word

    def _tokens(self, text):
        for word in self.words(text):
            if self.kind == "cjk" and CJK_RUN.fullmatch(word):
                yield from _bigrams(word)
                yield word[-1]
            else:
                yield self._word(word)

    def _word(self, word):
        if self.kind == "stemmed":
            return unaccented(_stem(self.stemmer, word))
        return word if self.kind == "cjk" else unaccented(word)


def _split(match):
    cjk, other = match.groups()
    return [cjk] if cjk else [unaccented(word) for word in TOKEN.findall(other)]


def unaccented(word):
    """Latin, Greek and Cyrillic words without accents ("cafe" finds "café"); the
    marks of other scripts are letters, not accents, and stay."""
    return fold(word) if max(word) < "\u0590" else word


def _bigrams(run):
    return (run[at : at + 2] for at in range(len(run) - 1))


def normalise(text):
    """NFKC and case-folded: width and compatibility forms folded, marks kept."""
    return unicodedata.normalize("NFKC", text or "").casefold()


@lru_cache(maxsize=200_000)
def _stem(algorithm, word):
    return _stemmer(algorithm).stemWord(word)


@cache
def _stemmer(algorithm):
    import snowballstemmer  # only languages that are stemmed need it

    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=64)
def analysis(language):
    """The Analysis of a language code ("en", "de", "zh-hans", "pt-br")."""
    base = (language or "").lower().split("-")[0].split("_")[0]
    if base == "en" or not base:
        return Analysis("native")
    if base in _CJK_LANGUAGES:
        return Analysis("cjk")
    if base in _SNOWBALL:
        return Analysis("stemmed", _SNOWBALL[base], _STOPWORDS.get(base, frozenset()))
    return Analysis("plain")
