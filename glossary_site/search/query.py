"""What every search backend shares: the reader's query as plain words, the match
markers and which database is answering.

The reader's query never reaches either engine's syntax: it is cut to 200
characters and reduced to plain words here."""

import re

from django.apps import apps
from django.db import connection

from glossary_site.content.text import fold

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
WORD = re.compile(r"\w+")
START, STOP = "\x02", "\x03"  # match markers, replaced by <mark> after escaping


def query_words(query):
    return WORD.findall(fold((query or "")[:MAX_QUERY_CHARS]))[:MAX_WORDS]


def postgres():
    return connection.vendor == "postgresql"


def documents():
    return apps.get_model("glossary_site", "SearchDocument").objects
