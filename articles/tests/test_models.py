"""Article covers, bylines, and the neighbour and related-article queries."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from glossary_site.markup.uploads import NOT_AN_IMAGE


def test_a_cover_without_alt_text_is_refused(make_article, cover_upload):
    article = make_article()
    article.cover = cover_upload()
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert list(error.value.message_dict) == ["cover_alt"]


def test_blank_alt_text_counts_as_none(make_article, cover_upload):
    article = make_article()
    article.cover, article.cover_alt = cover_upload(), "   "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "cover_alt" in error.value.message_dict


def test_an_article_without_a_cover_needs_no_alt_text(make_article):
    make_article().full_clean()


def test_a_cover_with_alt_text_is_stored_with_its_size(make_article, cover_upload):
    article = make_article()
    article.cover, article.cover_alt = cover_upload(), "A teal square."
    article.full_clean()
    article.save()
    article.refresh_from_db()
    assert article.cover.name.startswith("covers/")
    assert (article.cover_width, article.cover_height) == (8, 6)


def test_a_cover_that_is_not_an_image_is_refused_on_the_cover_field(make_article, cover_upload):
    article = make_article()
    article.cover, article.cover_alt = cover_upload("evil.png", b"<svg onload=alert(1)>"), "Nothing."
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.message_dict["cover"] == [NOT_AN_IMAGE]


def test_deleting_an_author_keeps_their_articles_without_a_byline(make_article, make_author):
    author = make_author("Ada Lovelace")
    article = make_article(author=author)
    author.delete()
    article.refresh_from_db()
    assert article.author is None


def test_neighbours_follow_publish_time_and_break_ties_by_creation(make_article):
    moment = timezone.now() - timedelta(days=1)
    first, second = make_article(published_at=moment), make_article(published_at=moment)
    published = Article.objects.published()
    assert published.newer_than(first).first() == second
    assert published.older_than(second).first() == first


def test_related_articles_rank_by_shared_tags_plus_terms_then_newest(make_article, make_tag, make_term):
    python, web, money = make_tag("Python"), make_tag("Web"), make_tag("Money")
    api, cache = make_term(title="API"), make_term(title="Cache")
    article = make_article(title="Reading")
    article.tags.set([python, web, money])
    article.mentioned_terms.set([api, cache])

    def other(title, days_ago, tags=(), terms=()):
        made = make_article(title=title, published_at=timezone.now() - timedelta(days=days_ago))
        made.tags.set(tags)
        made.mentioned_terms.set(terms)
        return made

    other("One tag, newest", 1, tags=[money])
    other("Two tags and a term", 5, tags=[python, web], terms=[cache])
    other("One tag, one term", 3, tags=[python], terms=[api])
    other("One term, older", 4, terms=[cache])
    other("Nothing shared", 2)

    related = Article.objects.published().related_to(article)
    assert [a.title for a in related] == [
        "Two tags and a term",
        "One tag, one term",
        "One tag, newest",
        "One term, older",
    ]
    assert [(a.shared_tags, a.shared_terms) for a in related[:2]] == [(2, 1), (1, 1)]


def test_related_articles_are_one_query_whatever_the_number_of_tags(
    make_article, make_tag, django_assert_num_queries
):
    tags = [make_tag(f"Tag {n}") for n in range(6)]
    article = make_article()
    article.tags.set(tags)
    for n in range(5):
        make_article().tags.set(tags[n:])
    with django_assert_num_queries(1):
        list(Article.objects.published().related_to(article)[:3])
