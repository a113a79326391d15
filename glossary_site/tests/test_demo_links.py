"""Issue 14's checks on the demo content (manage.py load_demo): what a reader of the
demo sees of the automatic links and of search."""

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from terms.models import Term


def test_the_demo_never_links_rest_written_as_a_word(db, demo):
    for item in [*Term.objects.all(), *Article.objects.all()]:
        page = BeautifulSoup(item.body_html, "html.parser")
        for link in page.select("a.term-link[href='/glossary/rest/']"):
            assert link.get_text() == "REST", (item.title, link.parent.get_text())


@pytest.mark.parametrize("query", ["back", "backend", "Backend"])
def test_searching_the_start_of_backend_lists_backend_developer_first(db, demo, visit, query):
    first = visit(f"/search/?q={query}").select_one(".search-result h2 a")
    assert first.get_text() == "Backend Developer"


def test_a_misspelled_body_word_shows_the_results_for_the_word(db, demo, visit):
    summary = visit("/search/?q=scalabilty").select_one(".search-summary")
    assert summary.find("strong", string="scalability") is not None
    summary = visit("/search/?q=scalabilty&literal=1").select_one(".search-summary")
    assert summary.find("a", string="scalability") is not None
