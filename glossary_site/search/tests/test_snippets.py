"""Word hits and snippets, pure: no database."""

import pytest

from glossary_site.search.snippets import first_hit, hit_count, hit_pattern, snippet

# Text where lowering and the pattern's case folding could part: the long s and
# the dotless i match "s" and "i" in the pattern, İ lowers to two characters,
# the Kelvin sign lowers to "k"; words joined by "_" or digits, accents, CJK.
TEXTS = [
    "Cache caches; a CACHED cache-line and recache",
    "ſerver servers · Server’s “server”",
    "İstanbul istanbul ıstanbul",
    "İstanbul’s cache",
    "Kache kache",
    "café cafés, caféine",
    "key_cache cache_key 2cache cache2",
    "キャッシュ cache キャッシュcache",
    "",
]
ROOTS = [("cach",), ("serv",), ("istanbul",), ("kach",), ("caf",), ("cache", "cach"), ("2",)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("roots", ROOTS)
def test_hits_are_the_words_the_snippet_pattern_marks(text, roots):
    pattern = hit_pattern(roots)
    found = pattern.search(text) if any(root in text.lower() for root in roots) else None
    assert hit_count(text, roots) == len(pattern.findall(text))
    assert first_hit(text, roots) == (found.start() if found else None)


def test_a_snippet_shows_a_quarter_of_its_words_before_the_first_hit_and_marks_each():
    text = "Intro. " + "filler " * 30 + "Caching helps; a cache and the ſerver cache."
    shown = snippet(text, ("cach",), size=8)
    assert shown == "…filler filler \x02Caching\x03 helps; a \x02cache\x03 and the…"
