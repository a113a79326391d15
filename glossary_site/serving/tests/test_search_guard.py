"""Search cannot take the site with it (issue 29): a client past its allowance is told
to wait (429), and a search that finds every search slot of the node held is turned
away at once (503) rather than queued; both say when to come back. Pages are never
counted, and a slot whose process died is free again."""

import logging
import os
import struct
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from glossary_site.serving.searchslots import (
    LONGEST_REST,
    SearchBusy,
    give_back_node_slot,
    may_search,
    search_slot,
    take_node_slot,
)
from glossary_site.testing.servers import PROJECT_ROOT, stop_process

WINDOW = 60
# Another process of the site, mid-search: it takes a slot and holds it until killed.
HOLD_A_SLOT = """
import django, sys
django.setup()
from glossary_site.serving.searchslots import take_node_slot
assert take_node_slot() is not None
print("holding", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def glossary(make_term, settings):
    make_term(title="Cache", slug="cache", summary="A store of copies kept near their readers.")
    settings.SEARCH_RATE_LIMIT, settings.SEARCH_RATE_WINDOW = 3, WINDOW


@pytest.fixture
def window_start(clock):
    """The clock half a second into a rate window, so a test's requests share one."""
    start = (int(datetime.now(UTC).timestamp()) // WINDOW + 1) * WINDOW
    clock.move_to(datetime.fromtimestamp(start + 0.5, UTC))
    return clock


@pytest.fixture
def one_slot(glossary, settings, tmp_path):
    settings.SEARCH_CONCURRENCY = 1
    settings.SEARCH_SLOTS_DIR = str(tmp_path / "search-slots")  # no rest left by another test
    settings.SEARCH_RATE_LIMIT = 0  # this client asks many times; the slots are what is tested


def test_a_client_past_its_allowance_is_told_to_wait_and_another_is_not(glossary, window_start):
    client = Client(REMOTE_ADDR="203.0.113.7")
    allowed = [
        client.get("/search/?q=cache").status_code,
        client.get("/search/suggest/?q=ca").status_code,
        client.get("/search/?q=cache&page=2").status_code,
    ]
    refused = client.get("/search/?q=cache")

    assert allowed == [200, 200, 200]
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 59 <= wait <= 60  # what is left of the window, which began half a second ago
    page = BeautifulSoup(refused.content, "html.parser")
    assert page.h1.get_text() == "Too many searches"
    assert f"try again in {wait} seconds" in page.select_one(".lead").get_text()
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select_one("#site-search-input")["value"] == "cache"  # the words kept, to send again
    assert Client(REMOTE_ADDR="203.0.113.8").get("/search/?q=cache").status_code == 200
    assert client.get("/glossary/cache/").status_code == 200  # pages are never counted


def test_a_kept_results_page_still_counts_against_the_clients_allowance(glossary, window_start):
    client = Client(REMOTE_ADDR="203.0.113.9")
    first = client.get("/search/?q=cache")
    kept = [client.get("/search/?q=cache") for _ in range(2)]
    refused = client.get("/search/?q=cache")

    assert [page.status_code for page in (first, *kept)] == [200, 200, 200]
    assert {page.content for page in kept} == {first.content}  # the page kept, not one rendered again
    assert refused.status_code == 429


def test_the_search_box_past_its_allowance_gets_json_saying_to_wait(glossary, window_start):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        client.get("/search/suggest/?q=ca")

    refused = client.get("/search/suggest/?q=cac")

    assert refused.status_code == 429
    assert refused["Retry-After"] in {"59", "60"}
    assert refused.json()["results"] == []
    assert "Too many searches" in refused.json()["message"]


def test_the_allowance_comes_back_with_the_next_window(glossary, window_start):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        client.get("/search/?q=cache")
    wait = int(client.get("/search/?q=cache")["Retry-After"])

    window_start.shift(timedelta(seconds=wait))

    assert client.get("/search/?q=cache").status_code == 200


def test_searches_in_every_language_share_one_allowance(glossary, window_start, three_languages):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for path in ("/search/?q=cache", "/de/search/?q=cache", "/ja/search/?q=cache"):
        assert client.get(path).status_code == 200

    refused = client.get("/de/search/?q=cache")

    assert refused.status_code == 429
    page = BeautifulSoup(refused.content, "html.parser")
    assert page.html["lang"] == "de"
    assert page.h1.get_text() == "Zu viele Suchanfragen"


def test_a_client_behind_an_untrusted_proxy_header_cannot_dodge_the_limit(glossary, window_start, settings):
    settings.FORWARDED_ALLOW_IPS = []
    client = Client(REMOTE_ADDR="127.0.0.1")
    for n in range(3):
        client.get("/search/?q=cache", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert client.get("/search/?q=cache", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_a_limit_of_zero_turns_it_off(glossary, settings):
    settings.SEARCH_RATE_LIMIT = 0
    client = Client(REMOTE_ADDR="203.0.113.7")

    assert {client.get("/search/?q=cache").status_code for _ in range(6)} == {200}


def test_a_search_while_another_worker_holds_the_last_slot_is_503_and_pages_answer(one_slot):
    other_worker = take_node_slot()
    client = Client()

    busy = client.get("/search/?q=cache")
    suggestions = client.get("/search/suggest/?q=ca")
    page = client.get("/glossary/cache/")

    assert busy.status_code == 503
    assert busy["Retry-After"] == "1"
    soup = BeautifulSoup(busy.content, "html.parser")
    assert soup.h1.get_text() == "Search is busy"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert (suggestions.status_code, suggestions["Retry-After"]) == (503, "1")
    assert "Search is busy" in suggestions.json()["message"]
    assert page.status_code == 200
    give_back_node_slot(other_worker)
    assert "Cache" in client.get("/search/?q=cache").content.decode()


def test_an_answer_already_kept_is_given_while_every_slot_is_held(one_slot):
    client = Client()
    assert client.get("/search/?q=cache").status_code == 200  # searched, and kept
    other_worker = take_node_slot()
    try:
        kept = client.get("/search/?q=Cache")
        not_kept = client.get("/search/?q=store")
    finally:
        give_back_node_slot(other_worker)

    assert kept.status_code == 200
    found = BeautifulSoup(kept.content, "html.parser").select(".search-result h2 a")
    assert [a.get_text() for a in found] == ["Cache"]
    assert not_kept.status_code == 503


def test_the_apis_search_takes_a_slot_too_and_is_told_in_json(one_slot):
    client = Client()
    other_worker = take_node_slot()
    try:
        busy = client.get("/api/terms/", {"q": "cache"})
        listing = client.get("/api/terms/")
    finally:
        give_back_node_slot(other_worker)

    assert (busy.status_code, busy["Retry-After"]) == (503, "1")
    assert busy.json() == {"status": 503, "message": "Search is busy: try again in 1 second."}
    assert listing.status_code == 200, "the A to Z list is no search"
    assert [t["title"] for t in client.get("/api/terms/", {"q": "cache"}).json()["results"]] == ["Cache"]


def test_a_second_search_in_the_same_process_is_refused_not_queued(settings):
    settings.SEARCH_CONCURRENCY = 2  # a site-wide slot is free: this process's own is not
    outcomes = []

    def second_search():
        try:
            with search_slot():
                outcomes.append("searched")
        except SearchBusy:  # the view's refusal: 503 (the tests above)
            outcomes.append("refused")

    beside = threading.Thread(target=second_search)
    with search_slot():
        beside.start()
        beside.join(timeout=60)

    assert outcomes == ["refused"]


def test_a_search_that_fails_gives_its_slot_back(one_slot):
    with pytest.raises(LookupError), search_slot():
        raise LookupError("the search failed halfway")

    assert Client().get("/search/?q=cache").status_code == 200


def test_a_slot_held_by_a_worker_that_died_is_free_at_once(one_slot, settings):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_SLOT],
        cwd=PROJECT_ROOT,
        env={**os.environ, "SEARCH_SLOTS_DIR": settings.SEARCH_SLOTS_DIR, "SEARCH_CONCURRENCY": "1"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        client = Client()
        assert client.get("/search/?q=cache").status_code == 503

        holder.kill()  # mid-search, with no chance to give its slot back
        holder.wait(timeout=60)

        assert client.get("/search/?q=cache").status_code == 200
    finally:
        stop_process(holder)


def test_the_busy_page_is_in_the_page_s_language(one_slot, three_languages):
    other_worker = take_node_slot()

    busy = Client().get("/de/search/?q=cache")

    give_back_node_slot(other_worker)
    page = BeautifulSoup(busy.content, "html.parser")
    assert busy.status_code == 503
    assert page.html["lang"] == "de"
    assert page.h1.get_text() == "Die Suche ist ausgelastet"
    assert page.select_one("link[rel=canonical]")["href"].endswith("/de/search/")


class Clock:
    """A monotonic clock the test moves by hand, starting where the real one is."""

    def __init__(self):
        self.now = time.monotonic()

    def __call__(self):
        return self.now


def _search_that_took(seconds):
    """A search begun now that held its slot for `seconds` (its rest is measured from
    its end, on the test's clock, ahead of the real one)."""
    clock = Clock()
    with search_slot(now=clock):
        clock.now += seconds


def test_a_slot_owes_rest_for_each_search_so_search_takes_only_its_share(one_slot, settings):
    settings.SEARCH_SHARE = 0.25
    clock = Clock()
    with search_slot(now=clock):
        clock.now += 0.2  # owes three times as long, 0.6 s: under the allowance
    again_at_once = may_search(now=clock)
    with search_slot(now=clock):
        clock.now += 1.0  # owes what was left (none) and 3 s more: over it
    during_the_rest = may_search(now=clock)
    clock.now += 0.99
    near_its_end = may_search(now=clock)
    with pytest.raises(SearchBusy), search_slot(now=clock):
        pass
    clock.now += 0.02

    assert again_at_once
    assert (during_the_rest, near_its_end) == (False, False)
    assert may_search(now=clock)
    with search_slot(now=clock):
        pass


def test_a_readers_searches_in_a_row_are_not_turned_away(one_slot, settings):
    settings.SEARCH_SHARE = 0.25
    client = Client()

    answers = [client.get(f"/search/?q=store+{n}").status_code for n in range(8)]

    assert answers == [200] * 8


def test_while_the_only_slot_rests_searches_are_503_and_pages_and_kept_answers_are_not(one_slot, settings):
    client = Client()
    assert client.get("/search/?q=cache").status_code == 200  # searched, and kept
    settings.SEARCH_SHARE = 0.5
    _search_that_took(20)  # it rests until 40 s from now: far longer than this test

    busy = client.get("/search/?q=store")
    suggestions = client.get("/search/suggest/?q=st")

    assert (busy.status_code, busy["Retry-After"]) == (503, "1")
    assert BeautifulSoup(busy.content, "html.parser").h1.get_text() == "Search is busy"
    assert not hasattr(busy.wsgi_request, "user"), "refused before the session and auth middleware"
    assert suggestions.status_code == 503
    assert client.get("/search/?q=Cache").status_code == 200  # the kept answer, whatever the slot
    assert client.get("/glossary/cache/").status_code == 200


def test_with_the_whole_share_a_slot_never_rests(one_slot, settings):
    settings.SEARCH_SHARE = 1
    _search_that_took(20)

    assert may_search()
    assert Client().get("/search/?q=store").status_code == 200


def test_a_rest_longer_than_any_search_earns_is_ignored(one_slot, settings):
    """A slot file written before the machine restarted, when the monotonic clock
    was far ahead of where it starts again."""
    settings.SEARCH_SHARE = 0.25
    slot = take_node_slot()
    os.pwrite(slot.handle, struct.pack("d", time.monotonic() + LONGEST_REST * 10), 0)
    os.close(slot.handle)

    assert may_search()
    assert Client().get("/search/?q=cache").status_code == 200


def test_a_busy_search_is_logged_as_one_warning_and_not_as_a_server_error(one_slot, caplog):
    other_worker = take_node_slot()
    try:
        with caplog.at_level(logging.WARNING):
            answers = [Client().get("/api/terms/", {"q": "cache"}), Client().get("/search/?q=store")]
    finally:
        give_back_node_slot(other_worker)

    logged = [(record.name, record.levelname) for record in caplog.records]
    assert [answer.status_code for answer in answers] == [503, 503]
    assert ("django.request", "ERROR") not in logged
    assert logged.count(("glossary_site.serving.searchguard", "WARNING")) == 2
