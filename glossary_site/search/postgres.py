"""The PostgreSQL backend: a weighted tsvector per document under a GIN index,
ranked by ts_rank, with ts_headline snippets."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, Value, When

from glossary_site.content import registry
from glossary_site.search.query import START, STOP, documents


def _ts_query(words):
    terms = [*words[:-1], f"{words[-1]}:*"]
    return SearchQuery(" & ".join(terms), search_type="raw", config="english")


def search(words, limit):
    query = _ts_query(words)
    marks = {"start_sel": START, "stop_sel": STOP, "config": "english"}
    found = (
        documents()
        .public()
        .filter(vector=query)
        .annotate(
            rank=SearchRank(F("vector"), query, weights=[0.1, 0.3, 0.6, 1.0]),
            body_snip=SearchHeadline("body", query, max_words=30, min_words=12, **marks),
            summary_snip=SearchHeadline("summary", query, highlight_all=True, **marks),
        )
        # Terms before articles when they rank the same, as on SQLite.
        .order_by(
            "-rank", Case(When(kind=registry.link_target().name, then=Value(0)), default=Value(1)), "title"
        )
    )
    return found.values_list("kind", "slug", "title", "body_snip", "summary_snip")[:limit]


def documents_mentioning(phrases, limit):
    query = None
    for words in phrases:
        phrase = SearchQuery(" ".join(words), search_type="phrase", config="english")
        query = phrase if query is None else query | phrase
    found = documents().filter(vector=query)
    return list(found.values_list("kind", "object_id")[:limit])


def weighted_vector():
    return (
        SearchVector("title", "aliases", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
