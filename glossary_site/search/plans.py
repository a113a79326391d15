"""What one search looks for: the reader's query as the words its language's
index holds (analysis.py), and the backend that finds them. ranking.py reads
only this, whichever the language and the database."""

from dataclasses import dataclass

from glossary_site.content.languages import source_language
from glossary_site.search import postgres, sqlite
from glossary_site.search.analysis import analysis
from glossary_site.search.query import MAX_QUERY_CHARS, MAX_WORDS, search_forms
from glossary_site.search.query import postgres as on_postgres
from glossary_site.search.snippets import roots


@dataclass(frozen=True)
class Plan:
    language: str
    native: bool
    # Native: a tuple of spellings for each word (query.search_forms()); else
    # one analysis.Term for each.
    words: tuple
    # For each word, what its forms start with: ranking counts and marks these.
    roots: tuple

    @property
    def cjk(self):
        """Whether the language is written without spaces (its snippets are cut so)."""
        return analysis(self.language).kind == "cjk"

    def tier_ids(self, tier, limit):
        backend = postgres if on_postgres() else sqlite
        find = backend.tier_ids if self.native else backend.analysed_tier_ids
        return find(self.words, tier, limit, self.language)

    def count(self, at_most):
        """How many published documents of the language it finds, up to `at_most`."""
        backend = postgres if on_postgres() else sqlite
        count = backend.count if self.native else backend.analysed_count
        return count(self.words, at_most, self.language)

    def count_sql(self, at_most):
        """(SQL, parameters) of count(), to be asked in one query with another."""
        backend = postgres if on_postgres() else sqlite
        count_sql = backend.count_sql if self.native else backend.analysed_count_sql
        return count_sql(self.words, at_most, self.language)


def plan(query, language=None):
    """The Plan for a reader's query in a language (the source language if None),
    or None when the query has no word to look for."""
    language = language or source_language()
    analysed = analysis(language)
    if analysed.native:
        words = tuple(search_forms(query))
        return Plan(language, True, words, tuple(roots(forms) for forms in words)) if words else None
    text = (query or "")[:MAX_QUERY_CHARS]
    words = analysed.words(text)[:MAX_WORDS]
    terms = tuple(analysed.query_terms(words))
    if not terms:
        return None
    looked_for = [word for word in words if word not in analysed.stopwords]
    return Plan(language, False, terms, tuple((analysed.roots(word),) for word in looked_for))
