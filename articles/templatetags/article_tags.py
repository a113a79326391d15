"""Sidebar tags for the blog; each runs its own small query only where placed."""

from django import template
from django.conf import settings

from articles.models import Article
from glossary_site.serving import versions

register = template.Library()


@register.inclusion_tag("includes/recent_articles.html", takes_context=True)
def recent_articles(context, exclude=None, count=None):
    """The newest published articles, leaving out the one being read.

    The same few for every page until the content changes: remembered per content
    version, one more than shown so that the one being read can be left out."""
    count = count or settings.RECENT_ARTICLES_COUNT

    def newest():
        return list(Article.objects.published().only("title", "slug", "published_at")[: count + 1])

    articles = versions.remembered(context.get("request"), f"recent-articles-{count}", newest)
    if isinstance(exclude, Article):
        articles = [article for article in articles if article.pk != exclude.pk]
    return {"articles": articles[:count]}
