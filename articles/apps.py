"""The blog app, and what it declares to the shared core (content.registry)."""

from django.apps import AppConfig
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Blog")

    def ready(self):
        """Declare articles to the shared core (content.registry)."""
        from glossary_site.content import registry
        from glossary_site.serving import fragments

        from . import page_keys
        from .models import Article
        from .records import ArticleRecord
        from .seo import article_meta
        from .sitemaps import ArticlesSitemap
        from .templatetags.article_tags import RECENT_ARTICLES

        registry.register(
            registry.Kind(
                model=Article,
                url_name="articles:detail",
                index_url_name="articles:list",
                page_meta=article_meta,
                sitemaps={"articles": ArticlesSitemap},
                home=("latest_articles", _newest_articles),
                record=ArticleRecord(),
                mentions="mentioned_terms",
                editor_key="blog",
                appears_on=page_keys.appears_on,
                groupings={"tags": page_keys.TAGGED},
            )
        )
        # The newest articles in the sidebar of every entry page.
        fragments.register(RECENT_ARTICLES)


def _newest_articles():
    from .models import Article

    articles = Article.objects.published().in_language(get_language())
    return articles.only("title", "slug", "summary", "published_at", "reading_time", "language")[:3]
