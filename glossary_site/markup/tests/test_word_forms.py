"""Word forms and compounds (issue 25): a title links its plural and singular, both
ways, and its open, closed and hyphenated compounds; no pair of two different words."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup.linker import MatchCase, Target, TermMatcher

TITLES = [
    "Queues",
    "Policy",
    "Index",
    "Class",
    "Bus",
    "New",
    "Analysis",
    "Shelf",
    "Knife",
    "Safe",
    "Timestamp",
    "Workflow",
    "Load Balancer",
    "Setup",
    "API",
    "HTTPS",
    "Proxy Server",
]
MATCHER = TermMatcher(
    (title, Target(n, title.lower().replace(" ", "-"), f"/glossary/{n}/", ""))
    for n, title in enumerate(TITLES)
)


def linked(text, matcher=MATCHER):
    html, _ = matcher.link(f"<p>{text}</p>")
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").select("a")]


def linked_title(text):
    return [(words, TITLES[int(href.split("/")[2])]) for words, href in linked(text)]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Put the job on a queue.", "Queues"),
        ("Two queues.", "Queues"),
        ("Many policies.", "Policy"),
        ("Two indexes.", "Index"),
        ("Both classes.", "Class"),
        ("Three shelves.", "Shelf"),
        ("Two knives.", "Knife"),
        ("Many analyses.", "Analysis"),
        ("Two APIs.", "API"),
        ("Two load balancers.", "Load Balancer"),
        ("A proxy servers farm.", "Proxy Server"),
    ],
)
def test_a_title_links_its_plural_and_singular_both_ways(text, title):
    assert [linked_to for _, linked_to in linked_title(text)] == [title]


@pytest.mark.parametrize(
    "text",
    [
        "Catch the bu early.",  # no "bus" from "Bu", nor "bu" from "Bus"
        "The news is old.",  # "news" is not the plural of "New"
        "An analysi is no word.",
        "One clas is no word.",
        "A cache hit saves a trip.",  # "saves" is not the plural of "Safe"
        "Plain HTTP here.",  # "HTTPS" is no plural of HTTP
    ],
)
def test_words_that_only_look_like_a_plural_are_not_linked(text):
    assert linked_title(text) == []


@pytest.mark.parametrize(
    ("text", "words", "title"),
    [
        ("Each time stamp is in UTC.", "time stamp", "Timestamp"),
        ("Each time-stamp is in UTC.", "time-stamp", "Timestamp"),
        ("Sort by time stamps.", "time stamps", "Timestamp"),
        ("Each work flow starts.", "work flow", "Workflow"),
        ("A load-balancer in front.", "load-balancer", "Load Balancer"),
        ("A loadbalancer in front.", "loadbalancer", "Load Balancer"),
    ],
)
def test_open_closed_and_hyphenated_compounds_link_the_title(text, words, title):
    assert linked_title(text) == [(words, title)]


def test_a_verb_and_its_particle_is_no_compound_noun():
    assert linked_title("Set up the server, then check the set-up.") == [("set-up", "Setup")]


def test_link_only_as_written_takes_no_other_form():
    exact = Target(1, "queue", "/glossary/queue/", "", match_case=MatchCase.ALWAYS)
    matcher = TermMatcher([("Queue", exact), ("Timestamp", Target(2, "ts", "/glossary/ts/", ""))])
    assert linked("Two Queues, a queue, a time stamp.", matcher) == [("time stamp", "/glossary/ts/")]
    assert linked("One Queue.", matcher) == [("Queue", "/glossary/queue/")]


def test_a_terms_own_title_beats_another_terms_plural():
    matcher = TermMatcher(
        [
            ("Type", Target(1, "type", "/glossary/type/", "")),
            ("Types", Target(2, "types", "/glossary/types/", "")),
        ]
    )
    assert linked("Types and a type.", matcher) == [
        ("Types", "/glossary/types/"),
        ("type", "/glossary/type/"),
    ]


def test_a_title_with_its_acronym_in_parentheses_links_either_alone():
    slo = Target(1, "slo", "/glossary/slo/", "")
    node = Target(2, "node-dom", "/glossary/node-dom/", "")
    matcher = TermMatcher([("SLO (Service Level Objective)", slo), ("Node (DOM)", node)])
    assert linked("Set an SLO.", matcher) == [("SLO", "/glossary/slo/")]
    assert linked("A service level objective.", matcher) == [("service level objective", "/glossary/slo/")]
    assert linked("A node.", matcher) == [], "a qualifier is no acronym: Node alone is no name"


def test_only_a_title_is_found_written_open_not_a_shortened_alias():
    runtime = Target(1, "container-runtime", "/glossary/cr/", "", title="Container Runtime")
    stamp = Target(2, "timestamp", "/glossary/ts/", "", title="Timestamp")
    matcher = TermMatcher([("Container Runtime", runtime), ("Runtime", runtime), ("Timestamp", stamp)])
    assert linked("Limits on run time; a time stamp.", matcher) == [("time stamp", "/glossary/ts/")]
    assert linked("Pick a runtime.", matcher) == [("runtime", "/glossary/cr/")]
