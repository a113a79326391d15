"""The obvious term first, on the results page, for every query a reader of the
infrastructure corpus (testing/infra_corpus/, its [search] cases) would type: open
and hyphenated compounds of closed titles and the reverse, singular for plural,
British spellings, expansions of acronyms, and misspellings, which the page answers
with the results of what was meant (search/suggestions.py: corrected())."""

from urllib.parse import urlencode

import pytest

from glossary_site.testing import infra_corpus
from glossary_site.testing.database import kept_for_module

CASES = infra_corpus.expectations().search


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        yield infra_corpus.load()


@pytest.mark.parametrize("case", CASES, ids=[case.query for case in CASES])
def test_the_results_page_puts_the_obvious_term_first(db, imported, visit, case):
    page = visit("/search/?" + urlencode({"q": case.query}))
    assert page.select_one(".search-result h2 a")["href"] == f"/glossary/{case.first}/"


def test_only_misspellings_need_the_page_to_correct_them(db, imported):
    # quality() asks search itself, as the API does: a misspelling that no stemmer
    # folds into the word finds nothing there; everything else puts its term first.
    misses = [case.query for case, _ in infra_corpus.quality().search_misses]
    assert misses == ["latencey", "replicaton"]
