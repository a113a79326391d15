"""Snippets and word hits, cut in Python from the stored text of the few rows shown,
the same way whichever database found them (neither FTS5's snippet() nor
PostgreSQL's ts_headline, which cut and mark differently)."""

import re
from functools import lru_cache

from glossary_site.search.analysis import CJK_CLASS, CJK_RUN
from glossary_site.search.query import START, STOP, WORD

# A root that hit_count() and first_hit() may look for without a regular expression.
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def roots(words):
    """What each query word's forms start with, near enough to find them: "cach" for
    "caching" and "caches" (both databases stem the words they match)."""
    return tuple(_root(word) for word in words)


def _root(word):
    for ending in ("ing", "es", "ed", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def hit_count(text, roots, cjk=False, lowered=None):
    """How many words of the text start with any of the roots: the matches of
    hit_pattern(). `lowered`: text.lower(), if the caller has it."""
    lowered = lowered if lowered is not None else text.lower()
    if _foldable(text, lowered, roots, cjk):
        return len(_hit_starts(text, lowered, roots))
    return len(hit_pattern(roots, cjk).findall(text))


def first_hit(text, roots, cjk=False):
    """Where the first word of the text starting with any of the roots starts, or None."""
    lowered = text.lower()
    if not any(root in lowered for root in roots):
        return None  # most bodies shown for a title match never name the word
    if _foldable(text, lowered, roots, cjk):
        return min(_hit_starts(text, lowered, roots), default=None)  # or only inside words
    found = hit_pattern(roots, cjk).search(text)
    return found.start() if found else None


def _foldable(text, lowered, roots, cjk):
    """Whether hit_pattern()'s matches are the roots found in the lowered text at
    the start of a word: roots of ASCII letters and digits, and text whose
    lowering is the pattern's case folding, one character for one. It is, but
    for İ (lowered to two characters), ı and ſ (which the pattern takes for "i"
    and "s", lowering does not)."""
    return (
        not cjk
        and len(lowered) == len(text)
        and all(_ASCII_WORD.fullmatch(root) for root in roots)
        and "ı" not in text
        and "ſ" not in text
    )


def _hit_starts(text, lowered, roots):
    """Where hit_pattern() matches: a root at the start of a word, that is after
    anything but a letter, a digit or "_" (the pattern's \\w). Each match runs to
    the end of its word, so no two start in one word."""
    starts = set()
    for root in roots:
        at = lowered.find(root)
        while at != -1:
            if not at or not (text[at - 1].isalnum() or text[at - 1] == "_"):
                starts.add(at)
            at = lowered.find(root, at + len(root))
    return starts


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
    at = first_hit(text, roots, cjk) or 0
    words = _words_around(text, at, size)
    if not words:
        return ""
    lo, hi = words[0][0], words[-1][1]
    # Up to the very end or start when no word is left out there (keeps a last ".").
    more_before, more_after = bool(WORD.search(text, 0, lo)), bool(WORD.search(text, hi))
    lo, hi = (lo if more_before else 0), (hi if more_after else len(text))
    marked = hit.sub(lambda found: f"{START}{found[0]}{STOP}", text[lo:hi])
    return ("…" if more_before else "") + marked + ("…" if more_after else "")


def _words_around(text, at, size):
    """The spans of up to `size` words: a quarter of them before the word at `at`,
    the rest from it on. Only the stretch around it is split into words, not the
    whole body, and only as far as the words are needed."""
    begin = max(0, at - 20 * (size // 4))
    found = WORD.finditer(text, begin, at + 20 * size)
    if begin > 0:
        next(found, None)  # may be the end of a word cut in two
    words = []
    for word in found:
        if word.start() > at:
            words.append(word.span())
            break
        words.append(word.span())
    # The words before the first one past `at`, of which the last is the word at `at`.
    before = len(words) - (1 if words and words[-1][0] > at else 0)
    first_word = max(0, before - 1 - size // 4)
    for word in found:
        if len(words) >= first_word + size:
            break
        words.append(word.span())
    return words[first_word : first_word + size]
