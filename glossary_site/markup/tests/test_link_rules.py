"""The automatic linker's judgement (issue 14), on real sentences: what a careful
editor would link, and what they would leave alone."""

import pytest
from bs4 import BeautifulSoup

from glossary_site.markup.linker import MatchCase, Target, TermMatcher, phrases
from glossary_site.markup.markdown import render


def term(term_id, slug, **rules):
    return Target(term_id, slug, f"/glossary/{slug}/", "", **rules)


REST = term(1, "rest")
TURN = term(2, "turn")
SERVER = term(3, "server")
TYPE = term(4, "type")
NUMBER = term(5, "number")
INSTANCE = term(6, "instance")
GRAPHQL = term(7, "graphql")
CROSS = term(8, "cross")
PROTOCOL = term(9, "protocol")
NODE_DOM = term(10, "node-dom")
NODE_RUNTIME = term(11, "node-runtime")
TCP = term(12, "tcp")
SSR = term(13, "server-side-rendering")
CACHE = term(14, "cache")
KEY = term(15, "key", never_in=phrases(["key difference", "key differences"]))
BLOCK = term(16, "block", link_automatically=False)
GO = term(17, "go", match_case=MatchCase.ALWAYS)
JSON = term(18, "json", match_case=MatchCase.NEVER)

MATCHER = TermMatcher(
    [
        ("REST", REST),
        ("TURN", TURN),
        ("Server", SERVER),
        ("Type", TYPE),
        ("Number", NUMBER),
        ("Instance", INSTANCE),
        ("GraphQL", GRAPHQL),
        ("Cross", CROSS),
        ("Protocol", PROTOCOL),
        ("Node (DOM)", NODE_DOM),
        ("DOM node", NODE_DOM),
        ("Node", NODE_DOM),
        ("Node (runtime)", NODE_RUNTIME),
        ("Node", NODE_RUNTIME),
        ("Node.js", NODE_RUNTIME),
        ("TCP", TCP),
        ("Server-Side Rendering", SSR),
        ("Cache", CACHE),
        ("Key", KEY),
        ("Block", BLOCK),
        ("Go", GO),
        ("JSON", JSON),
    ],
    never_in=phrases(["for instance", "the number of", "types of"]),
)


def linked(markdown, own_names=()):
    html, _ = MATCHER.link(render(markdown), own_names=own_names)
    return [(a.get_text(), a["href"].split("/")[2]) for a in BeautifulSoup(html, "html.parser").select("a")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Move the rest of the code into a worker.",
        "Encryption at rest protects a stolen disk.",
        "It may turn out that the disk was cold.",
        "Graphql is spelled wrong here, so it is not our term.",
        "Mac users on a tcp socket.",
    ],
)
def test_names_written_in_capitals_match_only_in_capitals(sentence):
    assert linked(sentence) == []


def test_names_in_capitals_link_as_written_and_in_the_plural():
    assert linked("The REST style, a TURN relay and TCP sockets.") == [
        ("REST", "rest"),
        ("TURN", "turn"),
        ("TCP", "tcp"),
    ]
    assert linked("Two GraphQLs behind one gateway.") == [("GraphQLs", "graphql")]


def test_ordinary_names_match_in_any_case_and_plural():
    assert linked("Servers answer. A Cache helps.") == [("Servers", "server"), ("Cache", "cache")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Server-side code runs before the page is sent.",
        "A cross-origin request is checked once.",
        "The TCP/IP stack.",
        "Install Node.js first.",
        "The client-server model.",
    ],
)
def test_a_part_of_a_hyphenated_slashed_or_dotted_word_is_never_linked(sentence):
    names = [text for text, _ in linked(sentence)]
    assert not {"Server", "cross", "TCP", "server"} & set(names), names
    assert "Node" not in names


def test_a_compound_that_is_itself_a_name_is_linked_whole():
    assert linked("We moved to server-side rendering last year.") == [
        ("server-side rendering", "server-side-rendering")
    ]
    assert linked("Install Node.js first.") == [("Node.js", "node-runtime")]


def test_site_wide_phrases_keep_common_words_unlinked_there():
    assert linked("There are many types of index. For instance, the number of rows.") == []
    assert linked("Pick a type. An instance starts. A number.") == [
        ("type", "type"),
        ("instance", "instance"),
        ("number", "number"),
    ]


def test_a_terms_own_phrases_keep_it_unlinked_there_and_a_later_mention_links():
    assert linked("The key difference is speed. Store the key safely.") == [("key", "key")]


def test_a_term_switched_off_is_never_linked_automatically():
    assert linked("Browsers block third-party cookies. A Block of data.") == []


def test_match_case_always_and_never_override_the_capitals_rule():
    assert linked("Let us go. We write Go.") == [("Go", "go")]
    assert linked("Parse the json body.") == [("json", "json")]


def test_a_name_two_terms_share_is_not_linked_but_full_forms_and_aliases_are():
    assert linked("Each node has children.") == []
    assert linked("A Node (DOM) differs from Node (runtime), as a DOM node shows.") == [
        ("Node (DOM)", "node-dom"),
        ("Node (runtime)", "node-runtime"),
    ]


def test_one_occurrence_opted_out_in_markdown_stays_plain_and_leaves_no_trace():
    html, ids = MATCHER.link(render("A [server]{.nolink} restarts; then a server answers."))
    assert ids == [SERVER.term_id]
    assert "nolink" not in html and "{" not in html and "span" not in html
    assert BeautifulSoup(html, "html.parser").get_text() == "A server restarts; then a server answers."
    assert html.index("term-link") > html.index("restarts")


def test_the_opt_out_mark_inside_code_is_shown_as_written():
    html, _ = MATCHER.link(render("Write `[words]{.nolink}` to keep words plain."))
    assert "<code>[words]{.nolink}</code>" in html


def test_a_bodys_own_title_and_aliases_never_link_other_terms_inside_them():
    # The body of "User Datagram Protocol", before its first save as after.
    assert linked("User Datagram Protocol sends datagrams.", own_names=["User Datagram Protocol"]) == []
    # "protocol" is a part of the page's own title (issue 25): only other terms link.
    assert linked("UDP is a protocol; TCP is another.", own_names=["User Datagram Protocol", "UDP"]) == [
        ("TCP", "tcp")
    ]


def test_a_longer_name_of_another_term_beats_the_bodys_own_shorter_name():
    assert linked("Server-side rendering differs from a server.", own_names=["Server"]) == [
        ("Server-side rendering", "server-side-rendering")
    ]
