"""The blog's sitemap section: every published article."""

from glossary_site.content.sitemaps import PublishedSitemap

from .models import Article


class ArticlesSitemap(PublishedSitemap):
    model = Article
