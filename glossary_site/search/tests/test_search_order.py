"""The order of search results on a realistic glossary (testing/corpus_terms.txt),
written out in full: the same on SQLite and PostgreSQL, since the ranking and the
snippets are computed in Python from what either database finds (search/ranking.py).
The suite runs on SQLite by default and on PostgreSQL with `make test DB=postgres`;
CI runs both, so each list below is checked on each database."""

from glossary_site.search import results
from glossary_site.search.suggestions import did_you_mean

EXPECTED = {
    # An acronym that is also an English word: the term first, then "encryption at
    # rest", then the rest, and "restore" too (the last word may be unfinished).
    "rest": [
        "rest", "encryption-at-rest", "backup", "disaster-recovery", "encryption", "observability",
        "kubernetes", "soap",
    ],
    # A hyphenated compound: its parts, in titles before bodies.
    "server-side": ["server-side-rendering", "backend-developer", "server"],
    # A common word: the term named, titles containing it, then bodies by rank.
    "protocol": [
        "protocol", "internet-protocol", "user-datagram-protocol", "transmission-control-protocol",
        "http", "soap", "transport-layer-security", "websocket", "turn",
    ],
    # Two words, found in one field or across title and body (TLS).
    "transport protocol": ["user-datagram-protocol", "transmission-control-protocol", "transport-layer-security"],
    # Stopwords are left out on both databases: "for instance" searches "instance".
    "for instance": ["instance", "singleton"],
    # Inside "TCP/IP", which PostgreSQL's parser alone would keep whole.
    "ip": ["internet-protocol", "ip-address", "domain-name-system", "pod", "transmission-control-protocol"],
    # A word being typed.
    "cach": [
        "cache", "caching", "cache-invalidation", "stemming", "time-to-live", "proxy", "redirect",
        "domain-name-system", "safe-2",
    ],
    # A misspelling finds nothing (and offers a respelling, below).
    "protocl": [],
}  # fmt: skip


def slugs(query):
    return [result.url.split("/")[2] for result in results.search(query, limit=50)]


def test_the_corpus_searches_in_the_same_full_order_on_every_database(db, corpus_glossary):
    found = {query: slugs(query) for query in EXPECTED}
    assert found == EXPECTED
    assert did_you_mean("protocl") == "Protocol"


def test_snippets_are_cut_and_marked_the_same_on_every_database(db, corpus_glossary):
    assert [str(result.snippet) for result in results.search("transport protocol")] == [
        "A <mark>transport</mark> <mark>protocol</mark> that sends datagrams without a connection or "
        "delivery guarantees. User Datagram <mark>Protocol</mark> suits games and voice.",
        "A <mark>transport</mark> <mark>protocol</mark> that gives an ordered, reliable byte stream. "
        "The TCP/IP suite pairs it with the Internet <mark>Protocol</mark>.",
        "The <mark>protocol</mark> that encrypts connections on the web. TLS replaced SSL.",
    ]
    assert str(results.search("rest")[0].snippet) == (
        "…on resources and HTTP verbs. The <mark>rest</mark> of the design follows from "
        "statelessness: each request carries everything the server needs."
    )
