"""Links a careful editor would make (issue 25): the longest name wins, a name inside
a longer name is no mention, a page is about every part of its own names, and a noun
title used as a verb is left alone."""

from bs4 import BeautifulSoup

from glossary_site.markup.linker import MatchCase, Target, TermMatcher


def term(term_id, slug, **rules):
    return Target(term_id, slug, f"/glossary/{slug}/", "", **rules)


MATCHER = TermMatcher(
    [
        ("Cache", term(1, "cache")),
        ("Protocol", term(2, "protocol")),
        ("Gateway", term(3, "gateway")),
        ("Payment Gateway", term(4, "payment-gateway", link_automatically=False)),  # a draft, say
        ("Testing", term(5, "testing")),
        ("Unit Testing", term(6, "unit-testing")),
        ("Host", term(7, "host")),
        ("Number", term(8, "number")),
        ("Event", term(9, "event")),
        ("Database", term(10, "database")),
        ("Event-driven architecture", term(11, "eda")),
        ("Service", term(12, "service", match_case=MatchCase.CAPITALISED)),
        ("Queue", term(13, "queue")),
    ]
)


def linked(text, own_names=()):
    html, _ = MATCHER.link(f"<p>{text}</p>", own_names=own_names)
    return [(a.get_text(), a["href"].split("/")[2]) for a in BeautifulSoup(html, "html.parser").select("a")]


def test_the_longest_name_wins():
    assert linked("Good unit testing frameworks help.") == [("unit testing", "unit-testing")]


def test_a_name_inside_a_longer_capitalised_name_is_not_linked():
    assert linked("We adopted the Edge Cache Protocol last year.") == []
    assert linked("Edge Cache Protocol is new; a cache helps.") == [("cache", "cache")]


def test_a_run_of_term_names_is_not_mistaken_for_a_proper_name():
    assert linked("See also: Cache Protocol Gateway.") == [
        ("Cache", "cache"),
        ("Protocol", "protocol"),
        ("Gateway", "gateway"),
    ]


def test_the_first_word_of_a_sentence_makes_no_proper_name():
    assert linked("It failed. A Cache helps.") == [("Cache", "cache")]


def test_a_name_inside_a_term_that_does_not_link_is_not_linked():
    assert linked("Our payment gateway retries; any gateway would.") == [("gateway", "gateway")]
    assert linked("Two payment gateways.") == []


def test_a_page_never_links_a_part_of_its_own_names():
    assert linked("Not a Number is a number.", own_names=["NaN (Not a Number)"]) == []
    assert linked("A number is not a NaN.", own_names=["NaN", "Not a Number"]) == []
    assert linked("Each event is stored; events replay.", own_names=["Event Sourcing"]) == []
    assert linked("The database is hosted.", own_names=["Database as a Service"]) == []
    # An alias is a name of the page, not its subject: its parts link other terms.
    assert linked("Each event is reviewed.", own_names=["Postmortem", "Post-event review"]) == [
        ("event", "event")
    ]
    # A longer name of another term still links.
    assert linked("It fits event-driven architecture.", own_names=["Event Sourcing"]) == [
        ("event-driven architecture", "eda")
    ]


def test_a_noun_title_used_as_a_verb_is_not_linked():
    assert linked("The box is big enough to host it.") == []
    assert linked("Proxies can cache responses.") == []
    assert linked("Don't queue them twice.") == []
    assert linked("Each host has a cache and a queue.") == [
        ("host", "host"),
        ("cache", "cache"),
        ("queue", "queue"),
    ]
    assert linked("Send it to queue B after the host.") == [("queue", "queue"), ("host", "host")]


def test_a_word_after_the_plural_opening_its_sentence_and_before_a_comma_is_a_verb():
    assert linked("Clocks queue, and hosts wait.") == [("hosts", "host")]
    assert linked("Clocks queue and wait.") == []
    assert linked("Caches queue.") == [("Caches", "cache")]


def test_link_only_when_capitalised():
    assert linked("A good service quality.") == []
    assert linked("The Service is deployed, the Services too.") == [("Service", "service")]


def test_a_noun_ending_in_s_after_its_subject_is_a_verb():
    assert linked("A lock that everything queues for. A proxy that caches pages.") == []
    assert linked("Both queues and caches.") == [("queues", "queue"), ("caches", "cache")]
    assert linked("It is safe to say that caches rely on it.") == [("caches", "cache")]


def test_a_capitalised_name_beside_an_acronym_is_part_of_a_longer_name():
    assert linked("Routes follow the Gateway API spec; a gateway forwards.") == [("gateway", "gateway")]
