"""RSS 2.0 and Atom feeds of the latest published articles, one per language (/de/blog/feed/)."""

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_lazy

from glossary_site.content.feeds import PlainTextAtom, PublishableFeed

from .models import Article


class LatestArticlesFeed(PublishableFeed):
    description = gettext_lazy("Articles about backend engineering, web performance and fintech.")
    page_url_name, feed_url_name = "articles:list", "articles:feed"

    def items(self):
        articles = Article.objects.published().in_language(get_language())
        return articles.select_related("author").defer("body", "toc_html")[:20]

    def title(self):
        return gettext("%(site)s blog") % {"site": settings.SITE_NAME}

    def item_author_name(self, item):
        return item.author.name if item.author else settings.SITE_NAME


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = PlainTextAtom
    subtitle = LatestArticlesFeed.description
    feed_url_name = "articles:feed-atom"
