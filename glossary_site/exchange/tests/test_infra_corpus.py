"""The infrastructure corpus (testing/infra_corpus/) goes in through import_content as
any static-site glossary would, and its loader measures the page the site made.
The quality figures themselves are asserted by the linker's and search's tests."""

import pytest

from glossary_site.testing import infra_corpus
from glossary_site.testing.database import kept_for_module
from terms.models import Term

FILES = sorted(infra_corpus.TERMS.glob("*.md"))


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The corpus imported once without the authors' links; what the command printed."""
    with kept_for_module(django_db_blocker):
        yield infra_corpus.load()


def test_every_file_of_the_corpus_is_imported_as_its_front_matter_says(db, imported):
    assert f"{len(FILES)} created, 0 changed, 0 unchanged." in imported
    assert Term.objects.count() == len(FILES)
    assert set(Term.objects.filter(status="draft").values_list("slug", flat=True)) == {
        "payment-gateway",
        "chaos-engineering",
    }
    assert list(Term.objects.get(slug="dns").aliases.values_list("slug", flat=True)) == ["domain-name-system"]
    assert Term.objects.get(slug="queues").related.filter(slug="dead-letter-queue").exists()


def test_the_loader_takes_out_the_authors_links_and_keeps_their_words(db, imported):
    body = Term.objects.get(slug="queues").body
    assert "](/glossary/" not in body and "](../" not in body
    assert "moved to a dead letter queue so that it does not block the rest" in body
    assert not infra_corpus.AUTHORS_LINK_RE.search("".join(Term.objects.values_list("body", flat=True)))


def test_the_authors_links_are_read_where_they_stand_in_the_page(db, imported):
    written = infra_corpus.authors_pages()
    made = infra_corpus.page(Term.objects.get(slug="microservices").body_html)

    assert written["microservices"].text == made.text
    start, end, target = written["microservices"].links[0]
    assert (made.text[start:end], target) == ("database", "database")
    assert sum(len(page.links) for page in written.values()) == len(infra_corpus.authors_links())


def test_quality_measures_every_case_of_the_expectations_on_the_imported_pages(db, imported):
    expected = infra_corpus.expectations()
    measured = infra_corpus.quality(expected)

    assert (measured.never_cases, measured.must_cases, measured.queries) == (
        len(expected.never),
        len(expected.must),
        len(expected.search),
    )
    assert measured.authors == len(infra_corpus.authors_links())
    assert 0 < measured.reproduced <= measured.reproduced_anywhere <= measured.authors
    assert measured.links_made > 0
    assert all(line for line in measured.lines())


def test_a_phrase_missing_from_its_page_is_an_error_of_the_expectations(db, imported):
    expected = infra_corpus.Expectations(
        never=[infra_corpus.NeverLink("queues", "a phrase nobody wrote", "common-word")]
    )
    with pytest.raises(ValueError, match="queues: the phrase 'a phrase nobody wrote' is not in the page"):
        infra_corpus.quality(expected)
