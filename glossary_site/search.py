"""Search over published terms and articles, on SQLite (FTS5) or PostgreSQL.

Both backends read SearchDocument rows written at save. Titles and aliases weigh
most, then the summary, then the body; the last word of the query, the one the
reader may still be typing, matches as a prefix ("back" finds "Backend"); stemming
comes from FTS5's porter tokenizer or PostgreSQL's english configuration. The reader's query never reaches either
engine's syntax: it is cut to 200 characters and reduced to plain words.
"""

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.apps import apps
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from glossary_site.text import fold

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
RESULT_LIMIT = 20  # results a page
MAX_PAGES = 10  # deeper pages cost a ranking of everything before them
SUGGEST_LIMIT = 8
_WORD = re.compile(r"\w+")
_START, _STOP = "\x02", "\x03"  # match markers, replaced by <mark> after escaping
KINDS = {"term": ("terms:detail", "Term"), "article": ("articles:detail", "Article")}


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: str


def query_words(query):
    return _WORD.findall(fold((query or "")[:MAX_QUERY_CHARS]))[:MAX_WORDS]


def search(query, limit=RESULT_LIMIT):
    """Ranked results for a reader's query; an empty list for nothing to search."""
    words = query_words(query)
    if not words:
        return []
    rows = _search_postgres(words, limit) if _postgres() else _search_sqlite(words, limit)
    return [
        Result(
            kind, title, reverse(KINDS[kind][0], kwargs={"slug": slug}), _highlight(body_snip, summary_snip)
        )
        for kind, slug, title, body_snip, summary_snip in rows
    ]


def _postgres():
    return connection.vendor == "postgresql"


def _highlight(*snippets):
    """The first snippet with a match, escaped, with the matches in <mark>."""
    text = next((s for s in snippets if s and _START in s), next((s for s in snippets if s), ""))
    safe = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(safe)  # escaped just above; only our own <mark> tags remain


# Ranking costs a few microseconds a matching document, so a word in nearly every
# body (100,000 of them) took a quarter of a second to rank. Beyond this many matches
# in one tier the word says little about any one document: the most recently added
# come first.
RANK_AT_MOST = 2_000
_FTS = "glossary_site_searchdocument_fts"
# Titles and aliases, then summaries, then bodies: each tier's documents all rank
# above the next tier's, which is what their weights meant in the first place.
_TIERS = ("{title aliases}", "{summary}", "{body}")


def _search_sqlite(words, limit):
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
        rows += _sqlite_best(expression, match, limit - len(rows), ranked=ranked)
        if len(rows) >= limit:
            break
    return rows


def _sqlite_best(expression, match, limit, ranked):
    """The best `limit` published documents for an FTS5 expression, with snippets.

    FTS5 only orders here ("ORDER BY rank LIMIT" is its fast path). Its snippet()
    would need the query run again against each row, which for a short prefix of a
    common word costs milliseconds a row; the snippets are cut in Python instead,
    from the few rows shown."""
    if ranked:
        score, weights = "rank", "AND rank MATCH 'bm25(10.0, 8.0, 3.0, 1.0)'"
    else:
        score, weights = "rowid DESC", ""  # the most recently added first
    sql = f"SELECT rowid FROM {_FTS} WHERE {_FTS} MATCH %s {weights} ORDER BY {score} LIMIT %s"
    with connection.cursor() as cursor:
        # Drafts and future items are in the index too: ask for more than are shown.
        cursor.execute(sql, [expression, limit * 4])
        ids = [row[0] for row in cursor.fetchall()]
    found = _documents().filter(pk__in=ids, status="published", published_at__lte=timezone.now())
    by_id = {row[0]: row[1:] for row in found.values_list("pk", "kind", "slug", "title", "summary", "body")}
    roots = tuple(_root(word) for word in match_words(match))
    shown = [by_id[pk] for pk in ids if pk in by_id][:limit]
    rows = []
    for kind, slug, title, summary, body in shown:
        body_snippet = _snippet(body, roots)
        # The summary's is shown only when the body has no match to show.
        summary_snippet = "" if _START in body_snippet else _snippet(summary, roots)
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
    words = [word.span() for word in _WORD.finditer(text, begin, at + 20 * size)]
    if begin > 0 and words:
        words = words[1:]  # may be the end of a word cut in two
    if not words:
        return ""
    index = bisect.bisect_right([start for start, _ in words], at) - 1
    first_word = max(0, index - size // 4)
    last_word = min(len(words), first_word + size)
    lo, hi = words[first_word][0], words[last_word - 1][1]
    # Up to the very end or start when no word is left out there (keeps a last ".").
    more_before, more_after = bool(_WORD.search(text, 0, lo)), bool(_WORD.search(text, hi))
    lo, hi = (lo if more_before else 0), (hi if more_after else len(text))
    marked = hit.sub(lambda found: f"{_START}{found[0]}{_STOP}", text[lo:hi])
    return ("…" if more_before else "") + marked + ("…" if more_after else "")


def _ts_query(words):
    terms = [*words[:-1], f"{words[-1]}:*"]
    return SearchQuery(" & ".join(terms), search_type="raw", config="english")


def _search_postgres(words, limit):
    query = _ts_query(words)
    marks = {"start_sel": _START, "stop_sel": _STOP, "config": "english"}
    documents = (
        _documents()
        .filter(status="published", published_at__lte=timezone.now(), vector=query)
        .annotate(
            rank=SearchRank(F("vector"), query, weights=[0.1, 0.3, 0.6, 1.0]),
            body_snip=SearchHeadline("body", query, max_words=30, min_words=12, **marks),
            summary_snip=SearchHeadline("summary", query, highlight_all=True, **marks),
        )
        .order_by("-rank", "title")
    )
    return documents.values_list("kind", "slug", "title", "body_snip", "summary_snip")[:limit]


def _documents():
    return apps.get_model("glossary_site", "SearchDocument").objects


def did_you_mean(query):
    """The published term title closest to a query that found nothing, or None."""
    text = (query or "")[:MAX_QUERY_CHARS].strip()
    if not query_words(text):
        return None
    terms = apps.get_model("terms", "Term").objects.published()
    if _postgres():
        close = terms.filter(title__trigram_similar=text).annotate(
            similarity=TrigramSimilarity("title", text)
        )
        return close.order_by("-similarity").values_list("title", flat=True).first()
    # Elsewhere: edit similarity against the titles filed under the same letter.
    letter = fold(text)[:1].upper()
    titles = list(terms.filter(index_letter=letter).values_list("title", flat=True)[:5000])
    by_fold = {fold(title): title for title in titles}
    close = difflib.get_close_matches(fold(text), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def similar_terms(text, limit=5):
    """Published terms whose titles look like `text` (for the 404 page)."""
    Term = apps.get_model("terms", "Term")
    terms = Term.objects.published().only("title", "slug")
    text = text[:MAX_QUERY_CHARS]
    if _postgres():
        similar = terms.filter(title__trigram_similar=text).annotate(
            similarity=TrigramSimilarity("title", text)
        )
        return list(similar.order_by("-similarity")[:limit])
    letter = fold(text)[:1].upper()
    candidates = {fold(term.title): term for term in terms.filter(index_letter=letter)[:5000]}
    close = difflib.get_close_matches(fold(text), list(candidates), n=limit, cutoff=0.5)
    return [candidates[title] for title in close]


def suggest(query, limit=SUGGEST_LIMIT):
    """Term titles starting with what the reader has typed (titles, then aliases)."""
    prefix = fold((query or "")[:MAX_QUERY_CHARS]).strip()
    if not prefix:
        return []
    Term = apps.get_model("terms", "Term")
    # A range on the indexed sort key, not LIKE: both databases use the index for it.
    terms = Term.objects.published().filter(sort_key__gte=prefix, sort_key__lt=prefix + "\uffff")
    found = list(terms.order_by("sort_key").values("title", "slug", "summary")[:limit])
    if len(found) < limit:
        seen = {term["slug"] for term in found}
        aliases = (
            apps.get_model("terms", "TermAlias")
            .objects.filter(
                name__istartswith=query.strip()[:MAX_QUERY_CHARS], term__in=Term.objects.published()
            )
            .exclude(term__slug__in=seen)
            .values("term__title", "term__slug", "term__summary")[: limit - len(found)]
        )
        found += [
            {"title": a["term__title"], "slug": a["term__slug"], "summary": a["term__summary"]}
            for a in aliases
        ]
    return [
        {
            "title": t["title"],
            "url": reverse("terms:detail", kwargs={"slug": t["slug"]}),
            "summary": t["summary"],
        }
        for t in found
    ]


def index(item, text):
    """Write (or rewrite) the search row of a term or article after it is saved."""
    documents = _documents()
    document, _ = documents.update_or_create(
        kind=item._meta.model_name,
        object_id=item.pk,
        defaults={
            "slug": item.slug,
            "title": item.title,
            "aliases": " ".join(item.alias_names()),
            "summary": item.summary,
            "body": text,
            "status": item.status,
            "published_at": item.published_at,
        },
    )
    if _postgres():
        documents.filter(pk=document.pk).update(vector=_weighted_vector())


def remove(item):
    _documents().filter(kind=item._meta.model_name, object_id=item.pk).delete()


def documents_mentioning(names, limit=10_000):
    """(kind, object_id) of every document whose text contains one of the names."""
    phrases = [words for words in (query_words(name) for name in names) if words]
    if not phrases:
        return []
    if _postgres():
        query = None
        for words in phrases:
            phrase = SearchQuery(" ".join(words), search_type="phrase", config="english")
            query = phrase if query is None else query | phrase
        found = _documents().filter(vector=query)
        return list(found.values_list("kind", "object_id")[:limit])
    match = " OR ".join('"' + " ".join(words) + '"' for words in phrases)
    sql = """SELECT d.kind, d.object_id FROM glossary_site_searchdocument_fts f
             JOIN glossary_site_searchdocument d ON d.id = f.rowid
             WHERE glossary_site_searchdocument_fts MATCH %s LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()


def update_aliases(term):
    """Rewrite only the aliases of a term's search row (they are edited inline)."""
    documents = _documents().filter(kind=term._meta.model_name, object_id=term.pk)
    documents.update(aliases=" ".join(term.alias_names()))
    if _postgres():
        documents.update(vector=_weighted_vector())


def _weighted_vector():
    return (
        SearchVector("title", "aliases", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
