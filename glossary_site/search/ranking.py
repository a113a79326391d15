"""The ranked part of search, decided here the same way on every database.

A backend (sqlite.py, postgres.py) only says which published documents have every
word of the query in a tier's fields, newest first. The tiers: titles and aliases,
then summaries, then bodies; every document of a tier comes before the next tier's.
Within a tier the order is computed here, from the stored text: a BM25-like score
over the tier's fields (a title counts most, a body least), then terms before
articles, then title, then id. So SQLite and PostgreSQL give the same documents in
the same order, with the same snippets, whenever their full-text indexes find the
same documents (their stemmers differ on a few words: see search_words())."""

from django.db import connection

from glossary_site.content import registry
from glossary_site.search.query import START, documents
from glossary_site.search.snippets import hit_count, snippet

TIERS = (("title", "aliases"), ("title", "aliases", "summary"), ("title", "aliases", "summary", "body"))
WEIGHTS = {"title": 10.0, "aliases": 8.0, "summary": 3.0, "body": 1.0}
K1, B = 1.2, 0.75  # BM25's usual saturation and length normalisation
# Ranking reads the text of every match of a tier. Beyond this many the words say
# little about any one document, and reading them all would make search slow: the
# most recently added come first instead. Bodies are long, so fewer are read.
RANK_AT_MOST = 2_000
RANK_BODIES_AT_MOST = 300
# What a row shown needs, its snippets cut from the last two.
_SHOWN = ("kind", "slug", "title", "summary", "body")


def ranked(plan, limit):
    """(kind, slug, title, body snippet, summary snippet) of the best `limit`
    published documents of the plan's language with every word, tier by tier
    (plans.Plan: any spelling of a word will do)."""
    word_roots = plan.roots
    shown, read = [], {}
    for tier, fields in enumerate(TIERS):
        at_most = RANK_BODIES_AT_MOST if "body" in fields else RANK_AT_MOST
        # Newest first: enough to know whether to rank, and to fill the page if not.
        ids = plan.tier_ids(tier, max(at_most + 1, limit - len(shown)))
        if len(ids) <= at_most:
            rows = _texts(ids, ("kind", "title", *fields, "slug"))
            ids = _best_first(rows, fields, word_roots, plan.cjk)
            if "body" in fields:  # all a row shown needs: not read again
                read.update(_as_shown(rows, fields))
        shown += ids[: limit - len(shown)]
        if len(shown) >= limit:
            break
    return _with_snippets(shown, tuple(root for forms in word_roots for root in forms), plan.cjk, read)


def count(plan, at_most):
    """How many published documents have every word, counted up to `at_most`: the
    tiers together are the documents with every word in any field, one query."""
    return plan.count(at_most)


def _best_first(rows, fields, word_roots, cjk):
    """The ids of (id, kind, title, *fields, ...) rows, best first."""
    texts = {row[0]: dict(zip(fields, row[3 : 3 + len(fields)], strict=True)) for row in rows}
    scores = _scores(texts, word_roots, cjk)
    term = registry.link_target().name
    # Ties by title in any case (casefold: folding accents too, for hundreds of rows,
    # cost more than the rest of the ranking), then by id.
    ordered = sorted(rows, key=lambda row: (-scores[row[0]], row[1] != term, row[2].casefold(), row[0]))
    return [row[0] for row in ordered]


def _texts(ids, columns):
    """(id, *columns) of the documents with these ids. Plain SQL: the ORM's handling
    of an IN list of two thousand ids cost more than the query itself."""
    if not ids:
        return []
    table = documents().model._meta.db_table
    sql = f"SELECT id, {', '.join(columns)} FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})"
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return cursor.fetchall()


def _scores(texts, word_roots, cjk):
    """{pk: score} for {pk: {field: text}}: for each word and field, BM25's
    saturating term frequency, weighted by the field. Every document of a tier has
    every word, so the inverse document frequency would change nothing."""
    if not texts:
        return {}
    fields = next(iter(texts.values())).keys()
    average = {field: sum(len(t[field] or "") for t in texts.values()) / len(texts) or 1 for field in fields}
    scores = {}
    for pk, text in texts.items():
        score = 0.0
        for field in fields:
            value = text[field] or ""
            lowered = value.lower()
            norm = K1 * (1 - B + B * len(value) / average[field])
            for forms in word_roots:
                hits = hit_count(value, forms, cjk, lowered)
                score += WEIGHTS[field] * hits / (hits + norm) if hits else 0.0
        scores[pk] = score
    return scores


def _as_shown(rows, fields):
    """{id: _SHOWN columns} of (id, kind, title, *fields, slug) rows."""
    shown = {}
    for row in rows:
        text = dict(zip(fields, row[3:-1], strict=True))
        shown[row[0]] = (row[1], row[-1], row[2], text["summary"], text["body"])
    return shown


def _with_snippets(ids, word_roots, cjk, read):
    """The rows shown, with their snippets; `read`: {id: _SHOWN columns} of those
    whose text is in hand already."""
    missing = [pk for pk in ids if pk not in read]
    found = {**read, **{row[0]: row[1:] for row in _texts(missing, _SHOWN)}}
    rows = []
    for kind, slug, title, summary, body in (found[pk] for pk in ids if pk in found):
        body_snippet = snippet(body, word_roots, cjk=cjk)
        # The summary's is shown only when the body has no match to show.
        summary_snippet = "" if START in body_snippet else snippet(summary, word_roots, cjk=cjk)
        rows.append((kind, slug, title, body_snippet, summary_snippet))
    return rows
