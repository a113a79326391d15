"""Sidebar tags for the blog."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from articles.models import Article
from glossary_site.serving import fragments, keys

register = template.Library()


@register.simple_tag(takes_context=True)
def recent_articles(context, exclude=None):
    """The newest published articles, leaving out the one being read.

    A shared fragment (serving/fragments.py): rendered once per change of the
    blog's list in each process, not once per page."""
    exclude_id = exclude.pk if isinstance(exclude, Article) else ""
    return fragments.slot(context.get("request"), "recent-articles", exclude_id)


def _newest():
    # One more than shown, so that the one being read can be left out.
    count = settings.RECENT_ARTICLES_COUNT
    return list(Article.objects.published().only("title", "slug", "published_at")[: count + 1])


def _shown(newest, exclude_id):
    # Leaving out an article that is not among the newest changes nothing.
    return exclude_id if exclude_id in {str(article.pk) for article in newest} else ""


def _render(newest, exclude_id):
    articles = [article for article in newest if str(article.pk) != exclude_id]
    return render_to_string(
        "includes/recent_articles.html", {"articles": articles[: settings.RECENT_ARTICLES_COUNT]}
    )


RECENT_ARTICLES = fragments.Fragment(
    name="recent-articles",
    render=_render,
    prepare=_newest,
    normalise=_shown,
    channels=(keys.listing("article"),),
)
