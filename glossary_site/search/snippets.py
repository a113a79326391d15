"""Snippets and word hits, cut in Python from the stored text of the few rows shown,
the same way whichever database found them (neither FTS5's snippet() nor
PostgreSQL's ts_headline, which cut and mark differently)."""

import bisect
import re
from functools import lru_cache

from glossary_site.search.analysis import CJK_CLASS, CJK_RUN
from glossary_site.search.query import START, STOP, WORD


def roots(words):
    """What each query word's forms start with, near enough to find them: "cach" for
    "caching" and "caches" (both databases stem the words they match)."""
    return tuple(_root(word) for word in words)


def _root(word):
    for ending in ("ing", "es", "ed", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=256)
def hit_pattern(roots, cjk=False):
    """A word starting with any of the roots, in any case. In CJK text (`cjk`), a
    root of CJK characters (analysis.py) wherever it is, and only itself: such
    text has no spaces to end a word at; and a Latin word's letters start and end
    where CJK text does ("API" in "のAPIゲートウェイ")."""
    if not cjk:
        return re.compile(r"\b(?:" + "|".join(map(re.escape, roots)) + r")\w*", re.IGNORECASE)
    words = [re.escape(root) for root in roots if not CJK_RUN.match(root)]
    inside = [re.escape(root) for root in roots if CJK_RUN.match(root)]
    letters = rf"[^\W{CJK_CLASS}]"
    parts = ([rf"(?<!{letters})(?:" + "|".join(words) + rf"){letters}*"] if words else []) + inside
    return re.compile("|".join(parts), re.IGNORECASE)


def snippet(text, roots, size=24, cjk=False):
    """About `size` words of text around the first word starting with a root, those
    words between the match markers; the start of the text when none does."""
    text = text or ""
    hit = hit_pattern(roots, cjk)
    # Most bodies shown for a title match never name the word: skip the regex there.
    lowered = text.lower()
    first = hit.search(text) if any(root in lowered for root in roots) else None
    at = first.start() if first else 0
    # Only the stretch around the match is split into words, not the whole body.
    begin = max(0, at - 20 * (size // 4))
    words = [word.span() for word in WORD.finditer(text, begin, at + 20 * size)]
    if begin > 0 and words:
        words = words[1:]  # may be the end of a word cut in two
    if not words:
        return ""
    index = bisect.bisect_right([start for start, _ in words], at) - 1
    first_word = max(0, index - size // 4)
    last_word = min(len(words), first_word + size)
    lo, hi = words[first_word][0], words[last_word - 1][1]
    # Up to the very end or start when no word is left out there (keeps a last ".").
    more_before, more_after = bool(WORD.search(text, 0, lo)), bool(WORD.search(text, hi))
    lo, hi = (lo if more_before else 0), (hi if more_after else len(text))
    marked = hit.sub(lambda found: f"{START}{found[0]}{STOP}", text[lo:hi])
    return ("…" if more_before else "") + marked + ("…" if more_after else "")
