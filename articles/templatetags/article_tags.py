"""Sidebar tags for the blog."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

from articles.models import Article
from glossary_site.serving import fragments, keys

register = template.Library()

# The most articles a page lists besides the sidebar: a term's mentioning articles.
EXCLUDED_AT_MOST = settings.MENTIONING_ARTICLES_SHOWN


@register.simple_tag(takes_context=True)
def recent_articles(context, exclude=None):
    """The newest published articles, leaving out those the page already lists
    (`exclude`: the article being read, or a list of articles), so that a phone,
    which shows the sidebar after the page, does not list one article twice.

    A shared fragment (serving/fragments.py): rendered once per change of the
    blog's list in each process, not once per page."""
    if isinstance(exclude, Article):
        exclude = [exclude]
    ids = sorted({item.pk for item in exclude or () if isinstance(item, Article) and item.pk is not None})
    return fragments.slot(context.get("request"), "recent-articles", ",".join(map(str, ids)))


def _newest():
    # More than shown, so that the articles a page lists already can be left out.
    count = settings.RECENT_ARTICLES_COUNT + EXCLUDED_AT_MOST
    # The page's language is the active one (serving/fragments.py remembers each apart).
    articles = Article.objects.published().in_language(get_language())
    return list(articles.only("title", "slug", "published_at", "language")[:count])


def _shown(newest, exclude_ids):
    # Leaving out articles that are not among the newest changes nothing.
    among = {str(article.pk) for article in newest}
    return ",".join(pk for pk in exclude_ids.split(",") if pk in among)


def _render(newest, exclude_ids):
    left_out = set(exclude_ids.split(","))
    articles = [article for article in newest if str(article.pk) not in left_out]
    if newest and not articles:
        return ""  # the page lists every recent article already
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
