"""The "never link in" phrases cost what the body costs, not mentions × phrases: a term
at the bound (MAX_PHRASES phrases of MAX_PHRASE_CHARS characters, each nearly
matching at every mention) links a body at the size limit about as fast as a term
with one phrase (issue 26, finding 3)."""

import gc
import time

from glossary_site.content.limits import MAX_BODY_CHARS
from glossary_site.markup.linker import Target, TermMatcher, phrases
from glossary_site.markup.phrases import MAX_PHRASE_CHARS, MAX_PHRASES, problem

# Every mention sits inside "a alpha", so each is checked against the phrases (a
# mention that links ends the checks for its term). Each other phrase matches the
# 48 words before a mention and fails only at its last word: the costliest shape
# for a comparison of each phrase at each mention.
NEAR_MISSES = ["a " * 48 + f"b{n}" for n in range(MAX_PHRASES - 1)]
UNIT = "a " * 48 + "alpha "
BODY = "<p>" + UNIT * (MAX_BODY_CHARS // len(UNIT)) + "</p>"


def matcher(lines):
    return TermMatcher([("Alpha", Target(1, "alpha", "/glossary/alpha/", "", never_in=phrases(lines)))])


def link_cost(lines, runs=5):
    """The least CPU time of linking BODY in `runs` tries, and the last result."""
    costs = []
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        result = matcher(lines).link(BODY)
        costs.append(time.process_time() - started)
    return min(costs), result


def test_the_hostile_phrases_are_within_the_bound():
    assert problem(NEAR_MISSES + ["a alpha"]) is None
    assert BODY.count("alpha") > 450


def test_phrases_at_the_bound_cost_about_what_one_phrase_costs():
    ordinary, (_, ordinary_links) = link_cost(["a alpha"])
    at_bound, (html, links) = link_cost([*NEAR_MISSES, "a alpha"])

    assert links == ordinary_links == []  # every mention hidden, by either list
    assert "<a " not in html
    # Compared within one test: the machine's speed at the moment cancels out. A
    # comparison of each phrase at each mention costs far over this (90 times).
    assert at_bound < 8 * ordinary + 0.05, (at_bound, ordinary)
    assert at_bound < 0.5


def test_a_phrase_still_hides_only_the_mentions_inside_it():
    term = TermMatcher(
        [("Types", Target(1, "types", "/glossary/types/", "", never_in=phrases(["types of"])))]
    )
    html, links = term.link("<p>Types of things. Then types, on their own.</p>")
    assert links == [1]
    assert html.count("term-link") == 1 and "<p>Types of things." in html


def test_the_bound_is_said_in_words_an_editor_can_act_on():
    assert problem(["x"] * (MAX_PHRASES + 1)) == (
        f"{MAX_PHRASES + 1} phrases: at most {MAX_PHRASES} are accepted. Keep the ones that matter."
    )
    assert "longer than 100 characters" in problem(["y" * (MAX_PHRASE_CHARS + 1)])
