"""The PostgreSQL backend: a weighted tsvector per document under a GIN index
(titles and aliases A, summary B, body C). It only finds documents; ranking.py
orders them and cuts their snippets, as for SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db.models import BooleanField, F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

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


def tier_ids(words, tier, limit, language):
    """Ids of up to `limit` published documents of the language with every word
    (one of each tuple of spellings) in the tier's fields and not in an earlier
    tier's, most recently added first."""
    found = documents().public().filter(language=language, vector=_ts_query(words, _WEIGHTS[tier]))
    for weights in _WEIGHTS[:tier]:
        found = found.exclude(vector=_ts_query(words, weights))
    return list(found.order_by("-pk").values_list("pk", flat=True)[:limit])


def analysed_tier_ids(terms, tier, limit, language):
    """tier_ids() for a language analysed in Python: every analysis.Term, each a
    phrase of its tokens. The query is given as a tsquery value, not parsed, as
    the vector was (analysed_vector()): the same words as FTS5's."""
    found = documents().public().filter(language=language).filter(_matches(terms, _WEIGHTS[tier]))
    for weights in _WEIGHTS[:tier]:
        found = found.exclude(_matches(terms, weights))
    return list(found.order_by("-pk").values_list("pk", flat=True)[:limit])


def count(words, at_most, language):
    """How many published documents of the language have every word (one of each
    tuple of spellings) anywhere, counted up to `at_most`: every tier at once."""
    found = documents().public().filter(language=language, vector=_ts_query(words, _WEIGHTS[-1]))
    return found[:at_most].count()


def analysed_count(terms, at_most, language):
    """count() for a language analysed in Python."""
    found = documents().public().filter(language=language).filter(_matches(terms, _WEIGHTS[-1]))
    return found[:at_most].count()


def _matches(terms, weights):
    return RawSQL("vector @@ %s::tsquery", [_ts_terms(terms, weights)], output_field=BooleanField())


def _ts_terms(terms, weights=""):
    phrases = []
    for term in terms:
        labels = [f"'{token}':{weights}" if weights else f"'{token}'" for token in term.tokens]
        if term.prefix:
            labels[-1] = f"'{term.tokens[-1]}':*{weights}"
        phrases.append("(" + " <-> ".join(labels) + ")")
    return " & ".join(phrases)


def analysed_documents_mentioning(names, limit, language):
    """documents_mentioning() in a language analysed in Python: `names`, each a
    list of analysis.Term."""
    query = " | ".join(f"({_ts_terms(terms)})" for terms in names)
    found = (
        documents()
        .filter(language=language)
        .filter(RawSQL("vector @@ %s::tsquery", [query], output_field=BooleanField()))
    )
    return list(found.values_list("kind", "object_id")[:limit])


def analysed_vector(names, summary, body):
    """The tsvector of a document's analysed text (space-separated tokens, as
    analysis.py wrote them), as a value: the tokens are never parsed again. Each
    field's positions follow the last one's after a gap, so that no phrase runs
    from one into the next (FTS5 keeps its columns apart too)."""
    positions, at = {}, 0
    for text, weight in ((names, "A"), (summary, "B"), (body, "C")):
        for token in text.split():
            at += 1
            seen = positions.setdefault(token, [])
            # tsvector's limits: 256 positions a word, none past 16,383.
            if len(seen) < 256:
                seen.append(f"{min(at, 16_383)}{weight}")
        at += 2
    literal = " ".join(f"'{token}':{','.join(places)}" for token, places in positions.items())
    return Cast(Value(literal), SearchVectorField())


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
