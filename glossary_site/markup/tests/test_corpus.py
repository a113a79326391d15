"""The linker on a realistic glossary (glossary_site/testing/corpus_terms.txt, about 290 terms): the
links a careful editor would make, and none of the kinds the issue found on real
content. Loading and linking the corpus takes seconds, so the tests are few and broad."""

import re

from bs4 import BeautifulSoup

# A link with the character before it and the two after it (past its tooltip).
_LINK_IN_CONTEXT = re.compile(
    r'(.)<a class="term-link"[^>]*>([^<]*)</a>(?:<span class="term-tip"[^>]*>[^<]*</span>)?(..)', re.S
)


def links_of(term):
    """(linked words, slug linked, the paragraph's text) for each link in a term's body."""
    page = BeautifulSoup(term.body_html, "html.parser")
    for tip in page.select(".term-tip"):
        tip.decompose()
    return [(a.get_text(), a["href"].split("/")[2], a.parent.get_text()) for a in page.select("a.term-link")]


def every_link(glossary):
    return [(term, *link) for term in glossary.values() for link in links_of(term)]


def test_acronyms_and_common_words_are_linked_only_where_an_editor_would(db, corpus_glossary):
    links = every_link(corpus_glossary)
    assert len(corpus_glossary) >= 250 and 0.7 <= len(links) / len(corpus_glossary) <= 4, len(links)
    # The corpus says "the rest of the design", "it may turn out", "safe to retry".
    for title in ("REST", "TURN", "SOAP", "SAFE"):
        wrong = [
            (t.title, text)
            for t, text, slug, _ in links
            if slug == corpus_glossary[title].slug and text != title
        ]
        assert wrong == [], wrong
    assert ("TURN", "turn") in [(text, slug) for text, slug, _ in links_of(corpus_glossary["WebRTC"])]
    for term, text, slug, paragraph in links:
        for phrase in ("types of", "type of", "for instance", "the number of", "key difference"):
            hidden = (
                text.lower() in phrase and phrase in paragraph.lower() and slug in phrase.replace(" ", "")
            )
            assert not hidden, (term.title, paragraph)
    assert "block" not in {slug for _, _, slug, _ in links}, "Block is switched off in the corpus"


def test_no_link_is_part_of_a_compound_or_of_the_bodys_own_name(db, corpus_glossary):
    checked = 0
    for term in corpus_glossary.values():
        assert term.slug not in {slug for _, slug, _ in links_of(term)}
        for before, text, after in _LINK_IN_CONTEXT.findall(term.body_html):
            checked += 1
            glued = before in "-/" or (after[0] in "-/." and after[1].isalnum())
            assert not glued, (term.title, before + text + after)
    assert checked > 200
    assert "Server-side code" in corpus_glossary["Server"].body_html
    assert "client-side code" in corpus_glossary["Server"].body_html
    # "User Datagram Protocol" is its own name, and "A transport protocol ..." names a
    # part of it: the page's own subject, not a mention of Protocol (issue 25).
    assert links_of(corpus_glossary["User Datagram Protocol"]) == []
    assert [(text, slug) for text, slug, _ in links_of(corpus_glossary["Client"])] == [("server", "server")]


def test_names_two_terms_share_are_left_for_the_editor(db, corpus_glossary):
    shared = {"node", "session", "token", "port"}
    assert [(t.title, text) for t, text, _, _ in every_link(corpus_glossary) if text.lower() in shared] == []
