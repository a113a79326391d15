"""The Recent Articles sidebar tag, on its own."""

import re
from datetime import timedelta

from django.template import Context, Template
from django.utils import timezone

from articles.templatetags.article_tags import recent_articles


def titles(html):
    return re.findall(r'<a href="/blog/[^"]+/">([^<]+)</a>', html)


def test_recent_articles_are_the_three_newest_published(make_article):
    for n in range(5):
        make_article(title=f"A{n}", published_at=timezone.now() - timedelta(days=n))
    make_article(title="Draft", status="draft", published_at=timezone.now())
    make_article(title="Future", published_at=timezone.now() + timedelta(days=1))
    assert titles(recent_articles({})) == ["A0", "A1", "A2"]


def test_recent_articles_leave_out_the_article_being_read(make_article):
    newest = make_article(title="Newest", published_at=timezone.now())
    for n in range(3):
        make_article(title=f"Older {n}", published_at=timezone.now() - timedelta(days=n + 1))
    assert titles(recent_articles({}, exclude=newest)) == ["Older 0", "Older 1", "Older 2"]


def test_recent_articles_count_can_be_set(make_article, settings):
    for n in range(4):
        make_article(title=f"A{n}")
    settings.RECENT_ARTICLES_COUNT = 2
    assert len(titles(recent_articles({}))) == 2


def test_recent_articles_tag_renders_links_and_visit_blog(make_article):
    article = make_article(title="Linked")
    html = Template("{% load article_tags %}{% recent_articles %}").render(Context())
    assert f'<a href="{article.get_absolute_url()}">Linked</a>' in html
    assert '<a class="button" href="/blog/">Visit Blog</a>' in html
