"""The PostgreSQL backend: a weighted tsvector per document under a GIN index
(titles and aliases A, summary B, body C). It only finds documents; ranking.py
orders them and cuts their snippets, as for SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone

from glossary_site.search.query import documents

# PostgreSQL's parser keeps these inside one token ("tcp/ip", "node.js", "user@host"),
# where FTS5 and the query's words (query.WORD) split: they are read as spaces, and
# accents are dropped as FTS5's remove_diacritics does, so both find the same words.
# Migration 0011 made the vectors of existing documents this way.
WORDS_APART = "/.@:"

# Where every word must be, tier by tier (ranking.TIERS), as tsquery weight labels.
_WEIGHTS = ("A", "AB", "ABC")


def _ts_query(words, weights):
    """Every word (one of each tuple of spellings), the last as a prefix, as the
    text of a raw tsquery for the english configuration."""
    terms = [*(_any(forms, weights) for forms in words[:-1]), _any(words[-1], "*" + weights)]
    return " & ".join(terms)


def _any(forms, label):
    return "(" + " | ".join(f"{form}:{label}" for form in forms) + ")"


# A native document's vector against the query's text; an analysed one's against
# its tokens as a value, not parsed, as the vector was (analysed_vector()): the
# same words as FTS5's.
_NATIVE_MATCH = "vector @@ to_tsquery('english'::regconfig, %s)"
_ANALYSED_MATCH = "vector @@ %s::tsquery"


def tier_ids(words, tier, limit, language):
    """Ids of up to `limit` published documents of the language with every word
    (one of each tuple of spellings) in the tier's fields and not in an earlier
    tier's, most recently added first."""
    queries = [_ts_query(words, weights) for weights in _WEIGHTS[: tier + 1]]
    return _tier_ids(_NATIVE_MATCH, queries, limit, language)


def analysed_tier_ids(terms, tier, limit, language):
    """tier_ids() for a language analysed in Python: every analysis.Term, each a
    phrase of its tokens."""
    queries = [_ts_terms(terms, weights) for weights in _WEIGHTS[: tier + 1]]
    return _tier_ids(_ANALYSED_MATCH, queries, limit, language)


def count(words, at_most, language):
    """How many published documents of the language have every word (one of each
    tuple of spellings) anywhere, counted up to `at_most`: every tier at once."""
    return _count(*count_sql(words, at_most, language))


def analysed_count(terms, at_most, language):
    """count() for a language analysed in Python."""
    return _count(*analysed_count_sql(terms, at_most, language))


def count_sql(words, at_most, language):
    """The query count() runs and its parameters, to be asked with another."""
    return _count_sql(_NATIVE_MATCH, _ts_query(words, _WEIGHTS[-1]), at_most, language)


def analysed_count_sql(terms, at_most, language):
    return _count_sql(_ANALYSED_MATCH, _ts_terms(terms, _WEIGHTS[-1]), at_most, language)


def _tier_ids(match, queries, limit, language):
    """Plain SQL, as on SQLite: building these through the ORM cost the web
    process more than reading their answer."""
    *earlier, own = queries
    outside = "".join(f" AND NOT ({match})" for _ in earlier)
    sql = f"{_found(match)}{outside} ORDER BY id DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_public(language), own, *earlier, limit])
        return [row[0] for row in cursor.fetchall()]


def _count(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _count_sql(match, query, at_most, language):
    return f"SELECT count(*) FROM ({_found(match)} LIMIT %s) AS found", [*_public(language), query, at_most]


def _found(match):
    table = documents().model._meta.db_table
    return f"""SELECT id FROM {table}
               WHERE status = 'published' AND published_at <= %s AND language = %s AND {match}"""


def _public(language):
    return [connection.ops.adapt_datetimefield_value(timezone.now()), language]


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
