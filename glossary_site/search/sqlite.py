"""The SQLite backend: an FTS5 table over the search documents (kept in step by
triggers made in this app's migrations), ranked tier by tier, with snippets cut
in Python."""

import bisect
import re
from functools import lru_cache

from django.db import connection

from glossary_site.content import registry
from glossary_site.search.query import START, STOP, WORD, documents

# Ranking costs a few microseconds a matching document, so a word in nearly every
# body (100,000 of them) took a quarter of a second to rank. Beyond this many matches
# in one tier the word says little about any one document: the most recently added
# come first.
RANK_AT_MOST = 2_000
_FTS = "glossary_site_searchdocument_fts"
# Titles and aliases, then summaries, then bodies: each tier's documents all rank
# above the next tier's, which is what their weights meant in the first place.
_TIERS = ("{title aliases}", "{summary}", "{body}")


def search(words, limit):
    # Every word as a prefix would make each one expand to all its longer words;
    # only the last is one the reader may still be typing ("distributed back").
    match = " ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])
    rows, earlier = [], []
    for columns in _TIERS:
        expression = f"{columns} : ({match})"
        if earlier:
            expression = f"({expression}) NOT ({' OR '.join(earlier)})"
        earlier.append(f"({columns} : ({match}))")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {_FTS} WHERE {_FTS} MATCH %s LIMIT %s)",
                [expression, RANK_AT_MOST + 1],
            )
            found = cursor.fetchone()[0]
        if not found:
            continue
        ranked = found <= RANK_AT_MOST
        rows += _best(expression, match, limit - len(rows), ranked=ranked)
        if len(rows) >= limit:
            break
    return rows


def _best(expression, match, limit, ranked):
    """The best `limit` published documents for an FTS5 expression, with snippets.

    FTS5 only orders here ("ORDER BY rank LIMIT" is its fast path). Its snippet()
    would need the query run again against each row, which for a short prefix of a
    common word costs milliseconds a row; the snippets are cut in Python instead,
    from the few rows shown."""
    if ranked:
        score, weights = "rank", "AND rank MATCH 'bm25(10.0, 8.0, 3.0, 1.0)'"
    else:
        score, weights = "rowid DESC", ""  # the most recently added first
    sql = f"SELECT rowid, {score.split()[0]} FROM {_FTS} WHERE {_FTS} MATCH %s {weights} ORDER BY {score} LIMIT %s"
    with connection.cursor() as cursor:
        # Drafts and future items are in the index too: ask for more than are shown.
        cursor.execute(sql, [expression, limit * 4])
        scores = dict(cursor.fetchall())
    found = documents().public().filter(pk__in=scores)
    by_id = {row[0]: row[1:] for row in found.values_list("pk", "kind", "slug", "title", "summary", "body")}
    roots = tuple(_root(word) for word in match_words(match))
    # Terms before articles when they rank the same, as on PostgreSQL (bm25 is lower-better).
    term = registry.link_target().name
    order = sorted(by_id, key=lambda pk: (scores[pk] if ranked else -pk, by_id[pk][0] != term, by_id[pk][2]))
    shown = [by_id[pk] for pk in order][:limit]
    rows = []
    for kind, slug, title, summary, body in shown:
        body_snippet = _snippet(body, roots)
        # The summary's is shown only when the body has no match to show.
        summary_snippet = "" if START in body_snippet else _snippet(summary, roots)
        rows.append((kind, slug, title, body_snippet, summary_snippet))
    return rows


def match_words(match):
    return re.findall(r'"(\w+)"', match)


def _root(word):
    """What a word's forms start with, near enough to mark them: "caching" for "cache"."""
    for ending in ("ing", "es", "ed", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=256)
def _hit_pattern(roots):
    return re.compile(r"\b(?:" + "|".join(map(re.escape, roots)) + r")\w*", re.IGNORECASE)


def _snippet(text, roots, size=24):
    """About `size` words of text around the first word starting with a root, those
    words between the match markers; the start of the text when none does."""
    text = text or ""
    hit = _hit_pattern(roots)
    first = hit.search(text)
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


def documents_mentioning(phrases, limit):
    match = " OR ".join('"' + " ".join(words) + '"' for words in phrases)
    sql = f"""SELECT d.kind, d.object_id FROM {_FTS} f
             JOIN glossary_site_searchdocument d ON d.id = f.rowid
             WHERE {_FTS} MATCH %s LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()
