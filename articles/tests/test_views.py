"""What a reader sees on the blog list and on an article page."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Tag
from glossary_site.serving import pagecache


def test_article_page_has_breadcrumb_meta_body_and_a_sidebar_without_itself(make_article, visit):
    make_article(title="Older one", slug="older")  # the pager's previous: not again in the sidebar
    oldest = make_article(title="Oldest one", slug="oldest")
    article = make_article(
        title="Fresh article", slug="fresh", body="## Heading\n\nText.", published_at=timezone.now()
    )
    page = visit(article.get_absolute_url())

    crumbs = page.select_one('nav[aria-label="Breadcrumb"]')
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == ["Home", "Blog", "Fresh article"]
    assert [a["href"] for a in crumbs.select("a")] == ["/", "/blog/"]
    assert [h1.get_text() for h1 in page.select("h1")] == ["Fresh article"]
    assert "Read 1 min" in page.select_one(".entry-meta").get_text()
    # The heading's own words, whether or not the renderer adds a "#" link after them.
    assert page.select_one(".prose h2").find(string=True).strip() == "Heading"

    sidebar_links = [a.get_text() for a in page.select("aside li a")]
    assert sidebar_links == [oldest.title]
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


def card_titles(page):
    return [card.select_one("h2").get_text() for card in page.select(".article-card")]


def test_blog_list_cards_link_their_tags(make_article, make_tag, visit):
    article = make_article(title="Tagged")
    article.tags.set([make_tag("Fintech"), make_tag("APIs")])
    card = visit("/blog/").select_one(".article-card")
    links = card.select('ul[aria-label="Tags"] a')
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("APIs", "/blog/tag/apis/"),
        ("Fintech", "/blog/tag/fintech/"),
    ]


def test_tag_page_lists_only_its_published_articles_ten_a_page(make_article, make_tag, visit):
    fintech, other = make_tag("Fintech"), make_tag("Other")
    for n in range(11):
        make_article(title=f"Fintech {n}", published_at=timezone.now() - timedelta(days=n)).tags.add(fintech)
    make_article(title="Draft", status="draft").tags.add(fintech)
    make_article(title="Future", published_at=timezone.now() + timedelta(days=1)).tags.add(fintech)
    make_article(title="Elsewhere").tags.add(other)

    first = visit("/blog/tag/fintech/")
    assert [h1.get_text() for h1 in first.select("h1")] == ["Articles tagged “Fintech”"]
    crumbs = first.select_one('nav[aria-label="Breadcrumb"]')
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == ["Home", "Blog", "Fintech"]
    assert [a["href"] for a in crumbs.select("a")] == ["/", "/blog/"]
    assert card_titles(first) == [f"Fintech {n}" for n in range(10)]
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"

    second = visit("/blog/tag/fintech/?page=2")
    assert card_titles(second) == ["Fintech 10"]
    assert second.select_one('a[rel="prev"]')["href"] == "?page=1"


def test_tag_page_says_so_when_no_article_is_published_yet(make_article, make_tag, visit):
    make_article(status="draft").tags.add(make_tag("Quiet"))
    page = visit("/blog/tag/quiet/")
    assert not page.select(".article-card")
    assert "No articles with this tag have been published yet." in page.get_text()


def test_unknown_tag_and_author_are_404(db, visit):
    visit("/blog/tag/no-such-tag/", status=404)
    visit("/blog/author/no-such-author/", status=404)


def test_author_page_shows_name_bio_and_their_published_articles(make_article, make_author, visit):
    ada = make_author("Ada Lovelace", bio="Wrote the first program.")
    make_article(title="By Ada", author=ada)
    make_article(title="Ada's draft", author=ada, status="draft")
    make_article(title="By someone else", author=make_author("Grace Hopper"))
    make_article(title="No author")

    page = visit("/blog/author/ada-lovelace/")
    assert [h1.get_text() for h1 in page.select("h1")] == ["Ada Lovelace"]
    assert page.select_one(".author-bio").get_text() == "Wrote the first program."
    assert card_titles(page) == ["By Ada"]
    crumbs = page.select_one('nav[aria-label="Breadcrumb"]')
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == ["Home", "Blog", "Ada Lovelace"]


def test_author_page_is_paginated_ten_a_page(make_article, make_author, visit):
    ada = make_author("Ada")
    for n in range(12):
        make_article(title=f"Post {n}", author=ada, published_at=timezone.now() - timedelta(days=n))
    assert len(visit("/blog/author/ada/").select(".article-card")) == 10
    assert card_titles(visit("/blog/author/ada/?page=2")) == ["Post 10", "Post 11"]


def test_article_page_shows_the_byline_cover_and_tags(
    make_article, make_author, make_tag, cover_upload, visit
):
    article = make_article(
        author=make_author("Ada Lovelace"), cover=cover_upload(), cover_alt="A teal square on white."
    )
    article.tags.set([make_tag("Fintech")])
    page = visit(article.get_absolute_url())
    header = page.select_one(".entry-header")

    byline = header.select_one(".byline")
    assert byline.get_text(" ", strip=True) == "By Ada Lovelace"
    assert byline.a["href"] == "/blog/author/ada-lovelace/"

    cover = header.select_one("img")
    assert cover["src"] == article.cover.url
    assert cover["alt"] == "A teal square on white."
    assert (cover["width"], cover["height"]) == ("8", "6")
    # Above the fold, it is the page's largest paint: fetched first, never lazily.
    assert (cover.get("loading"), cover["fetchpriority"], cover["decoding"]) == (None, "high", "async")

    tags = page.select_one('article ul[aria-label="Tags"]')
    assert [(a.get_text(), a["href"]) for a in tags.select("a")] == [("Fintech", "/blog/tag/fintech/")]


def test_article_without_author_cover_or_tags_shows_none_of_them(make_article, visit):
    page = visit(make_article().get_absolute_url())
    assert not page.select(".byline, .entry-header img, ul[aria-label='Tags']")


def pager_links(page):
    nav = page.select_one('nav[aria-label="More articles"]')
    if nav is None:
        return []
    return [(a.select_one(".article-pager__label").get_text(), a["href"]) for a in nav.select("a")]


def test_previous_is_the_older_and_next_the_newer_published_article(make_article, visit):
    now = timezone.now()
    oldest = make_article(slug="oldest", published_at=now - timedelta(days=10))
    make_article(slug="old-draft", status="draft", published_at=now - timedelta(days=6))
    middle = make_article(slug="middle", published_at=now - timedelta(days=5))
    make_article(slug="new-draft", status="draft", published_at=now - timedelta(days=3))
    newest = make_article(slug="newest", published_at=now - timedelta(days=1))
    make_article(slug="future", published_at=now + timedelta(days=1))

    assert pager_links(visit(middle.get_absolute_url())) == [
        ("Previous article", "/blog/oldest/"),
        ("Next article", "/blog/newest/"),
    ]
    assert pager_links(visit(oldest.get_absolute_url())) == [("Next article", "/blog/middle/")]
    assert pager_links(visit(newest.get_absolute_url())) == [("Previous article", "/blog/middle/")]


def test_a_lone_article_has_no_previous_or_next_links(make_article, visit):
    page = visit(make_article().get_absolute_url())
    assert not page.select('nav[aria-label="More articles"]')


def test_related_articles_are_ranked_and_never_drafts(make_article, make_tag, make_term, visit):
    python, web = make_tag("Python"), make_tag("Web")
    api = make_term(title="API")
    # The oldest: its pager's one link (next) is not among the related articles.
    article = make_article(title="Reading", published_at=timezone.now() - timedelta(days=200))
    article.tags.set([python, web])
    article.mentioned_terms.set([api])

    def other(title, tags=(), terms=(), **fields):
        made = make_article(title=title, **fields)
        made.tags.set(tags)
        made.mentioned_terms.set(terms)

    other("Shares one tag", tags=[web])
    other("Shares everything", tags=[python, web], terms=[api])
    other("Shares a term", terms=[api])
    other("Shares a tag too, but older", tags=[python], published_at=timezone.now() - timedelta(days=90))
    other("Draft sharing everything", tags=[python, web], terms=[api], status="draft")
    other("Future sharing everything", tags=[python, web], published_at=timezone.now() + timedelta(days=1))

    section = visit(article.get_absolute_url()).select_one(
        'section[aria-labelledby="related-articles-heading"]'
    )
    assert section.h2.get_text() == "Related articles"
    assert [a.get_text() for a in section.select("a")] == [
        "Shares everything",
        "Shares one tag",
        "Shares a term",
    ]


def test_an_article_page_links_each_other_article_once(make_article, make_tag, visit):
    tag = make_tag("Trading")
    made = [make_article(title=f"Trading systems {n}", slug=f"trading-{n}") for n in range(6)]
    for article in made:
        article.tags.set([tag])
    page = visit(made[2].get_absolute_url())
    hrefs = [a["href"] for a in page.select("main a[href^='/blog/trading-']")]
    assert sorted(set(hrefs)) == sorted(hrefs), hrefs
    assert len(set(hrefs)) == 5  # every other article: pager, related, then the sidebar


def test_a_term_page_sidebar_leaves_out_the_articles_that_mention_it(make_article, make_term, visit):
    make_term(title="Ledger", slug="ledger")
    mentioning = make_article(title="Closing the books", slug="closing", body="We keep a ledger.")
    make_article(title="Other news", slug="other")
    page = visit("/glossary/ledger/")
    assert [a.get_text() for a in page.select(".entry-related .link-list a")] == [mentioning.title]
    assert [a.get_text() for a in page.select("aside li a")] == ["Other news"]


def test_back_to_top_is_in_the_footer_once_on_every_page_type(make_article, make_term, make_tag, visit):
    make_term(title="Ledger", slug="ledger")
    make_article(slug="news").tags.set([make_tag("Trading")])
    for url in [
        "/",
        "/glossary/",
        "/glossary/ledger/",
        "/blog/",
        "/blog/news/",
        "/blog/tag/trading/",
        "/search/",
    ]:
        links = visit(url).find_all("a", string="Back to top")
        assert len(links) == 1 and links[0].find_parent("footer"), url


def test_related_articles_section_is_absent_when_nothing_is_shared(make_article, visit):
    make_article(title="Unrelated")
    page = visit(make_article().get_absolute_url())
    assert not page.find("h2", string="Related articles")


def test_terms_in_this_article_lists_only_published_terms_by_title(make_article, make_term, visit):
    article = make_article()
    article.mentioned_terms.set(
        [
            make_term(title="Webhook", slug="webhook"),
            make_term(title="API", slug="api"),
            make_term(title="Draft term", slug="draft-term", status="draft"),
            make_term(title="Future term", published_at=timezone.now() + timedelta(days=1)),
        ]
    )
    section = visit(article.get_absolute_url()).select_one('section[aria-labelledby="article-terms-heading"]')
    assert section.h2.get_text() == "Terms in this article"
    assert [(a.get_text(), a["href"]) for a in section.select("a")] == [
        ("API", "/glossary/api/"),
        ("Webhook", "/glossary/webhook/"),
    ]


def test_terms_section_is_absent_when_no_published_term_is_mentioned(make_article, make_term, visit):
    article = make_article()
    article.mentioned_terms.set([make_term(status="draft")])
    assert not visit(article.get_absolute_url()).find("h2", string="Terms in this article")


def test_after_the_body_the_sections_are_h2_under_the_one_h1(make_article, make_tag, make_term, visit):
    tag, term = make_tag("Web"), make_term(title="API")
    for _ in range(3):  # the last made, the oldest, has one related beside its pager's next
        made = make_article()
        made.tags.add(tag)
        made.mentioned_terms.add(term)
    page = visit(made.get_absolute_url())
    assert len(page.select("h1")) == 1
    headings = [h.get_text() for h in page.select("article.entry > section h2")]
    assert headings == ["Terms in this article", "Related articles"]


def queries_for(client, url):
    """Queries for a page on a cold cache, after Django's once-per-process checks."""
    client.get(url)
    pagecache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_tags_and_terms(
    client, make_article, make_author, make_tag, make_term
):
    author = make_author("Ada")
    tags = [make_tag(f"Tag {n}") for n in range(10)]
    terms = [make_term() for _ in range(10)]
    few, many = make_article(author=author), make_article(author=author)
    few.tags.set(tags[:1])
    few.mentioned_terms.set(terms[:1])
    many.tags.set(tags)
    many.mentioned_terms.set(terms)
    for _ in range(3):
        neighbour = make_article(author=author)
        neighbour.tags.set(tags)

    assert queries_for(client, few.get_absolute_url()) == queries_for(client, many.get_absolute_url())


def test_list_pages_query_count_does_not_grow_with_cards_or_tags(client, make_article, make_author, make_tag):
    author, tags = make_author("Ada"), [make_tag(f"Tag {n}") for n in range(5)]
    make_article(author=author).tags.set(tags[:1])
    counts = {url: queries_for(client, url) for url in ("/blog/", "/blog/tag/tag-0/", "/blog/author/ada/")}
    for _ in range(9):
        make_article(author=author).tags.set(tags)
    assert counts == {url: queries_for(client, url) for url in counts}


# --- the lists: counts, bylines, covers, feeds (issue 27) ---------------------------


def test_tag_and_author_pages_say_how_many_articles_they_hold(make_article, make_author, make_tag, visit):
    ada, tag = make_author("Ada Lovelace"), make_tag("Trading")
    for _ in range(12):
        make_article(author=ada).tags.add(tag)
    make_article(author=ada, status="draft").tags.add(tag)
    for url in ["/blog/tag/trading/", "/blog/author/ada-lovelace/"]:
        assert visit(url).select_one(".list-count").get_text() == "12 articles", url
    make_tag("Single")
    make_article().tags.add(Tag.objects.get(slug="single"))
    assert visit("/blog/tag/single/").select_one(".list-count").get_text() == "1 article"


def test_each_card_names_its_author_and_date(make_article, make_author, visit):
    make_article(title="Signed", author=make_author("Grace Hopper"), published_at=timezone.now())
    make_article(title="Unsigned")
    cards = visit("/blog/").select(".article-card")
    signed, unsigned = (card.select_one(".entry-meta") for card in cards)
    assert signed.select_one("a[rel=author]")["href"] == "/blog/author/grace-hopper/"
    assert signed.select_one("time")["datetime"]
    assert unsigned.select_one("a[rel=author]") is None and unsigned.select_one("time")


def test_the_blog_list_links_its_feeds_where_readers_see_them(db, visit):
    feeds = visit("/blog/").select_one("main .feed-links")
    assert [(a.get_text(), a["href"]) for a in feeds.select("a")] == [
        ("RSS", "/blog/feed/"),
        ("Atom", "/blog/feed/atom/"),
    ]


def test_cards_show_covers_sized_and_lazy_below_the_first_two(make_article, cover_upload, visit):
    for n in range(3):
        make_article(title=f"Covered {n}", cover=cover_upload(), cover_alt=f"Cover {n}.")
    make_article(title="Plain", published_at=timezone.now() - timedelta(days=30))
    cards = visit("/blog/").select(".article-card")
    covers = [card.select_one("img") for card in cards]
    assert covers[3] is None
    assert [img["alt"] for img in covers[:3]] == ["Cover 0.", "Cover 1.", "Cover 2."]
    assert all((img["width"], img["height"]) == ("8", "6") for img in covers[:3])
    assert [img.get("loading") for img in covers[:3]] == [None, None, "lazy"]
