"""Sidebar tags for the blog; each runs its own small query only where placed."""

from django import template
from django.conf import settings

from articles.models import Article

register = template.Library()


@register.inclusion_tag("includes/recent_articles.html")
def recent_articles(exclude=None, count=None):
    """The newest published articles, leaving out the one being read."""
    articles = Article.objects.published().only("title", "slug", "published_at")
    if exclude is not None and isinstance(exclude, Article):
        articles = articles.exclude(pk=exclude.pk)
    return {"articles": articles[: count or settings.RECENT_ARTICLES_COUNT]}
