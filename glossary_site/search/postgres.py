"""The PostgreSQL backend: a weighted tsvector per document under a GIN index
(titles and aliases A, summary B, body C). It only finds documents; ranking.py
orders them and cuts their snippets, as for SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import F, Func, TextField, Value

from glossary_site.search.query import documents

# PostgreSQL's parser keeps these inside one token ("tcp/ip", "node.js", "user@host"),
# where FTS5 and the query's words (query.WORD) split: they are read as spaces, and
# accents are dropped as FTS5's remove_diacritics does, so both find the same words.
# Migration 0011 made the vectors of existing documents this way.
WORDS_APART = "/.@:"

# Where every word must be, tier by tier (ranking.TIERS), as tsquery weight labels.
_WEIGHTS = ("A", "AB", "ABC")


def _ts_query(words, weights):
    """Every word (one of each tuple of spellings), the last as a prefix."""
    terms = [*(_any(forms, weights) for forms in words[:-1]), _any(words[-1], "*" + weights)]
    return SearchQuery(" & ".join(terms), search_type="raw", config="english")


def _any(forms, label):
    return "(" + " | ".join(f"{form}:{label}" for form in forms) + ")"


def tier_ids(words, tier, limit):
    """Ids of up to `limit` published documents with every word (one of each
    tuple of spellings) in the tier's fields and not in an earlier tier's, most recently added first."""
    found = documents().public().filter(vector=_ts_query(words, _WEIGHTS[tier]))
    for weights in _WEIGHTS[:tier]:
        found = found.exclude(vector=_ts_query(words, weights))
    return list(found.order_by("-pk").values_list("pk", flat=True)[:limit])


def documents_mentioning(phrases, limit):
    query = None
    for words in phrases:
        phrase = SearchQuery(" ".join(words), search_type="phrase", config="english")
        query = phrase if query is None else query | phrase
    found = documents().filter(vector=query)
    return list(found.values_list("kind", "object_id")[:limit])


def weighted_vector():
    return (
        SearchVector(_plain("title"), _plain("aliases"), weight="A", config="english")
        + SearchVector(_plain("summary"), weight="B", config="english")
        + SearchVector(_plain("body"), weight="C", config="english")
    )


def _plain(field):
    apart = Func(F(field), Value(WORDS_APART), Value(" " * len(WORDS_APART)), function="translate")
    return Func(apart, function="unaccent", output_field=TextField())
