"""An everyday word in its everyday sense, or in another than the term's, is not
linked (issue 25): an adjective that judges it ("a poor proxy"), nouns that modify it
("a product launch event", "the analytics pipeline") or the other items of its list
("scripts, stylesheets and images") that the term's own texts never use. What the
term's texts do use keeps the link."""

from bs4 import BeautifulSoup

from glossary_site.markup.linker import Target, TermMatcher

TEXTS = {
    1: ["A proxy is a server that makes requests on behalf of a client."],
    2: ["An event is a record that something happened, such as an order being paid."],
    3: ["A pipeline takes a change from commit to release: build, test, deploy."],
    4: ["An image is the template a container starts from, with its libraries and layers."],
    5: ["A cache keeps copies of responses near users."],
}
NAMES = [("Proxy", 1), ("Event", 2), ("Pipeline", 3), ("Image", 4), ("Cache", 5)]


def linked(text):
    targets = {n: Target(n, name.lower(), f"/glossary/{name.lower()}/", "", title=name) for name, n in NAMES}
    matcher = TermMatcher([(name, targets[n]) for name, n in NAMES], own_texts=TEXTS.get)
    html, _ = matcher.link(f"<p>{text}</p>")
    return [a.get_text() for a in BeautifulSoup(html, "html.parser").select("a")]


def test_an_adjective_that_judges_an_everyday_word_means_its_everyday_sense():
    assert linked("Server CPU is a poor proxy for it.") == []
    assert linked("Good events count towards the target.") == ["events"]  # a capital: no judging word
    assert linked("Send it through a slow proxy.") == ["proxy"]


def test_nouns_modifying_an_everyday_word_that_the_term_never_uses_name_another_kind():
    assert linked("Scale before a product launch event.") == []
    assert linked("The warehouse and the analytics pipeline subscribe.") == []


def test_nouns_modifying_it_that_the_term_uses_keep_the_link():
    assert linked("It sends an order paid event.") == ["event"]
    assert linked("Fix the deployment pipeline.") == ["pipeline"]
    assert linked("A build test pipeline.") == ["pipeline"]


def test_one_plain_word_before_it_may_be_an_adjective_and_keeps_the_link():
    assert linked("Run a fresh image.") == ["image"]
    assert linked("A thread keeps cache entries.") == ["cache"]


def test_a_list_of_things_the_term_never_speaks_of_is_another_kind():
    assert linked("Static files such as scripts, stylesheets and images.") == []
    assert linked("It ships libraries, layers and images.") == ["images"]
    assert linked("Hosts pull stylesheets and images.") == ["images"]  # two items say too little


def test_a_word_that_is_not_an_everyday_word_is_judged_only_by_acronyms_and_compounds():
    html, _ = TermMatcher([("Kubelet", Target(9, "kubelet", "/glossary/kubelet/", ""))]).link(
        "<p>A poor kubelet and the analytics kubelet.</p>"
    )
    assert html.count("term-link") == 1


def test_an_adjective_that_judges_the_words_before_it_judges_it_too():
    assert linked("They offer good customer proxy quality.") == []
    assert linked("They offer customer proxy quality.") == ["proxy"]
