"""A modifier the term's own texts never use makes a one-word mention another kind of
thing (issue 25): "CPU cache" is no HTTP cache, an "append-only log" no log a program
writes; a modifier the term speaks of, or one that is part of its name, keeps the link."""

from bs4 import BeautifulSoup

from glossary_site.markup.linker import Target, TermMatcher

TEXTS = {
    1: ["A cache keeps a copy of an HTTP response.", "Browsers and proxies keep private or shared copies."],
    2: ["Logs are the lines a program writes.", "Structured logs are easier to search."],
    3: ["A certificate binds a name to a key.", "TLS uses it to prove a server's name."],
}


def term(term_id, slug):
    return Target(term_id, slug, f"/glossary/{slug}/", "", title=slug.capitalize())


def matcher(own_texts=TEXTS.get):
    return TermMatcher(
        [
            ("Cache", term(1, "cache")),
            ("HTTP Cache", term(1, "cache")),
            ("Logs", term(2, "logs")),
            ("Certificate", term(3, "certificate")),
        ],
        own_texts=own_texts,
    )


def linked(text, own_texts=TEXTS.get):
    html, _ = matcher(own_texts).link(f"<p>{text}</p>")
    return [(a.get_text(), a["href"].split("/")[2]) for a in BeautifulSoup(html, "html.parser").select("a")]


def test_an_acronym_the_term_never_uses_makes_its_name_another_thing():
    assert linked("Workloads compete for the CPU cache.") == []


def test_a_hyphenated_modifier_the_term_never_uses_makes_its_name_another_thing():
    assert linked("Each change goes into an append-only log.") == []


def test_a_modifier_the_terms_own_texts_use_keeps_the_link():
    assert linked("Nginx reads the TLS certificate.") == [("certificate", "certificate")]
    assert linked("Keep a shared cache near users.") == [("cache", "cache")]
    assert linked("Ship structured logs.") == [("logs", "logs")]


def test_a_modifier_that_is_part_of_a_name_of_the_term_keeps_the_link():
    assert linked("The HTTP cache answers.") == [("HTTP cache", "cache")]


def test_a_capitalised_mention_or_one_with_no_modifier_is_linked():
    assert linked("CPU Cache is a product. A cache helps.") == [("Cache", "cache")]
    assert linked("The cache helps.") == [("cache", "cache")]


def test_without_the_terms_texts_its_title_names_and_summary_decide():
    assert linked("Read the on-die cache.", own_texts=None) == []
    assert linked("Read the HTTP cache.", own_texts=None) == [("HTTP cache", "cache")]


def test_a_changed_term_is_judged_by_its_new_texts():
    texts = {1: ["A cache keeps a copy of an HTTP response."]}
    changing = TermMatcher([("Cache", term(1, "cache"))], own_texts=texts.get)
    assert changing.link("<p>The CPU cache.</p>")[1] == []

    texts[1] = ["A cache keeps a copy, as the CPU cache does."]
    changing.replace_terms([1], [("Cache", term(1, "cache"))])

    assert changing.link("<p>The CPU cache.</p>")[1] == [1]
