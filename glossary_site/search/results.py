"""Search over published terms and articles, on SQLite (FTS5) or PostgreSQL.

Both backends read SearchDocument rows written at save. Titles and aliases weigh
most, then the summary, then the body (ranking.py, the same on both); the last word
of the query, the one the reader may still be typing, matches as a prefix ("back"
finds "Backend"); stemming comes from FTS5's porter tokenizer or PostgreSQL's
english configuration, and each word matches in its British or American spelling
too (variants.py). A term named by the query in any form comes first (names.py).
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from glossary_site.content import registry
from glossary_site.content.paths import slug_url
from glossary_site.search import names, ranking
from glossary_site.search.plans import plan
from glossary_site.search.query import START, STOP, query_words

RESULT_LIMIT = 20  # results a page
MAX_PAGES = 10  # deeper pages cost a ranking of everything before them
# Totals are counted up to this many ("1,000 or more"): ids only, but every one read.
COUNT_AT_MOST = 1_000


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: str


def search(query, limit=RESULT_LIMIT, language=None):
    """Results for a reader's query among the items of a language (the source
    language if None), best first; an empty list for nothing to search.

    Terms the query names (names.py) come first, then the rest by rank, terms
    before articles when they rank the same (ranking.py), on either database."""
    if not query_words(query):
        return []
    looked_for = plan(query, language)
    # Whether the words are anywhere, asked with the names: a search that finds
    # nothing then costs one query instead of one per tier, and still has its
    # "did you mean" to pay for, in a budget of four.
    probe = looked_for.count_sql(1) if looked_for else None
    named, anywhere = names.named_and_counted(query, limit, language, probe)
    if not named and not anywhere:
        looked_for = None
    rows = ranking.ranked(looked_for, limit + len(named)) if looked_for else []
    kind = registry.link_target().name
    ranked = {(row[0], row[1]): row for row in rows}
    first = [ranked.get((kind, slug), (kind, slug, title, "", summary)) for slug, title, summary in named]
    shown = {(row[0], row[1]) for row in first}
    rows = first + [row for row in rows if (row[0], row[1]) not in shown]
    return [
        Result(kind, title, slug_url(registry.get(kind).url_name, slug), _highlight(body_snip, summary_snip))
        for kind, slug, title, body_snip, summary_snip in rows[:limit]
    ]


def finds_anything(query, language=None):
    """Whether search(query) would find something, in one query."""
    if not query_words(query):
        return False
    looked_for = plan(query, language)
    named, anywhere = names.named_and_counted(query, 1, language, looked_for and looked_for.count_sql(1))
    return bool(named or anywhere)


def total(query, at_least=0, language=None):
    """How many results a query has, up to COUNT_AT_MOST; at least `at_least`, the
    results already in hand (a term the query names may have none of its words)."""
    looked_for = plan(query, language) if query_words(query) else None
    counted = ranking.count(looked_for, COUNT_AT_MOST) if looked_for else 0
    return max(counted, at_least)


def _highlight(*snippets):
    """The first snippet with a match, escaped, with the matches in <mark>."""
    text = next((s for s in snippets if s and START in s), next((s for s in snippets if s), ""))
    safe = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # escaped just above; only our own <mark> tags remain
