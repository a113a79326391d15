"""What every search backend shares: the reader's query as plain words, the match
markers and which database is answering.

The reader's query never reaches either engine's syntax: it is cut to 200
characters and reduced to plain words here."""

import re

from django.db import connection

from glossary_site.content.languages import site_languages, source_language
from glossary_site.content.text import fold
from glossary_site.search.models import SearchDocument
from glossary_site.search.variants import spellings

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
WORD = re.compile(r"\w+")
START, STOP = "\x02", "\x03"  # match markers, replaced by <mark> after escaping


# PostgreSQL's english configuration drops these words from its index and its
# queries, and FTS5 keeps them; search leaves them out of the query on both, so that
# "number of bits" or "the" find the same on each. (A name that is one, such as "IT",
# is still found by its name: names.py.) The list is PostgreSQL's english.stop.
STOPWORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don should now
    """.split()
)


def query_words(query):
    return WORD.findall(fold((query or "")[:MAX_QUERY_CHARS]))[:MAX_WORDS]


def search_words(query):
    """The query's words that full-text search looks for: stopwords left out."""
    return [word for word in query_words(query) if word not in STOPWORDS]


def search_forms(query):
    """search_words(), each as the tuple of its spellings (variants.py): the word
    itself first, then its British or American form, either of which matches."""
    return [(word, *sorted(spellings(word) - {word})) for word in search_words(query)]


def postgres():
    return connection.vendor == "postgresql"


def documents():
    return SearchDocument.objects


def in_language(items, language):
    """The items (a queryset of a publishable model) of a language."""
    return items.filter(language=language)


def language(code):
    """The site language a request's language code stands for ("en-us" is "en"):
    the source language's when none is."""
    known = site_languages()
    code = (code or "").lower()
    return next(
        (site for site in known if site.lower() == code),
        next((site for site in known if site.lower() == code.split("-")[0]), source_language()),
    )
