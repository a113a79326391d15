"""What a reader sees on the blog list and on an article page."""

from datetime import timedelta

from django.utils import timezone


def test_article_page_has_breadcrumb_meta_body_and_a_sidebar_without_itself(make_article, visit):
    older = make_article(title="Older one", slug="older")
    article = make_article(
        title="Fresh article", slug="fresh", body="## Heading\n\nText.", published_at=timezone.now()
    )
    page = visit(article.get_absolute_url())

    crumbs = page.select_one('nav[aria-label="Breadcrumb"]')
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == ["Home", "Blog", "Fresh article"]
    assert [a["href"] for a in crumbs.select("a")] == ["/", "/blog/"]
    assert [h1.get_text() for h1 in page.select("h1")] == ["Fresh article"]
    assert "Read 1 min" in page.select_one(".entry-meta").get_text()
    assert page.select_one(".prose h2").get_text() == "Heading"

    sidebar_links = [a.get_text() for a in page.select("aside li a")]
    assert sidebar_links == [older.title]
    assert page.find("a", string="Back to top")


def test_draft_and_future_articles_are_404_for_the_public(make_article, visit):
    make_article(slug="draft", status="draft")
    make_article(slug="future", published_at=timezone.now() + timedelta(days=1))
    visit("/blog/draft/", status=404)
    visit("/blog/future/", status=404)


def test_blog_list_shows_title_date_reading_time_and_excerpt_ten_a_page(make_article, visit):
    for n in range(12):
        make_article(
            title=f"Post {n}", summary=f"Excerpt {n}.", published_at=timezone.now() - timedelta(days=n)
        )
    make_article(title="Hidden draft", status="draft")

    first = visit("/blog/")
    cards = first.select(".article-card")
    assert len(cards) == 10
    assert cards[0].select_one("h2").get_text() == "Post 0"
    text = cards[0].get_text(" ", strip=True)
    assert "Excerpt 0." in text and "Read 1 min" in text
    assert (timezone.now()).strftime("%B") in text
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"

    second = visit("/blog/?page=2")
    assert [c.select_one("h2").get_text() for c in second.select(".article-card")] == ["Post 10", "Post 11"]
    assert "Hidden draft" not in first.get_text() + second.get_text()


def test_blog_page_out_of_range_is_404(make_article, visit):
    make_article()
    visit("/blog/?page=5", status=404)
