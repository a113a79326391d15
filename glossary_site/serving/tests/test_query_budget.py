"""Every public page makes a fixed number of queries on a cache miss, whatever the
amount of content: measured with 1 item of each kind, and with more than the longest
list shows at once (the terms' feed, 30), so every list is full and paged."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Author, Tag
from glossary_site.serving import pagecache

PAGES = [
    "/",
    "/glossary/",
    "/glossary/letter/t/",
    "/glossary/term-0/",
    "/blog/",
    "/blog/article-0/",
    "/blog/tag/fintech/",
    "/blog/author/maya/",
    "/blog/feed/",
    "/glossary/feed/",
    "/sitemap.xml",
]
# The content counter (1) + the page's own queries (the budget: 4 on a miss).
BUDGET = 4
# The sitemap is read by crawlers, not people: a count and a list per section.
SITEMAP_BUDGET = 8
MANY = 40


def add_content(make_term, make_article, start, count, tag, author):
    terms = [
        make_term(title=f"Term {n}", slug=f"term-{n}", summary=f"Term {n} explained.")
        for n in range(start, start + count)
    ]
    for n in range(start, start + count):
        article = make_article(
            title=f"Article {n}", slug=f"article-{n}", author=author, body="Term 0 and Term 1."
        )
        article.tags.add(tag)
    first = terms[0] if start == 0 else type(terms[0]).objects.get(slug="term-0")
    first.related.add(*[term for term in terms if term.pk != first.pk])


def misses(client):
    for url in PAGES:
        client.get(url)  # Django's once-per-process checks (JSON support) are not the page's
    counts = {}
    for url in PAGES:
        pagecache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries.captured_queries)
    return counts


def test_public_pages_make_the_same_few_queries_with_1_item_and_with_full_lists(
    make_term, make_article, client
):
    tag = Tag.objects.create(name="Fintech", slug="fintech")
    author = Author.objects.create(name="Maya", slug="maya")
    add_content(make_term, make_article, 0, 1, tag, author)
    with_one = misses(client)
    add_content(make_term, make_article, 1, MANY - 1, tag, author)
    with_many = misses(client)
    assert with_many == with_one, "the number of queries grew with the content"
    over = {
        url: n for url, n in with_one.items() if n > (SITEMAP_BUDGET if url == "/sitemap.xml" else BUDGET)
    }
    assert not over, f"over the budget of {BUDGET}: {over}"
