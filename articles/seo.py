"""Metadata of an article's page: a schema.org BlogPosting with its author and cover."""

from django.conf import settings
from django.utils.translation import gettext

from glossary_site.content.seo import PageMeta, absolute, breadcrumbs, title
from glossary_site.markup.markdown import words_as_read

from .models import Article


def article_meta(article):
    url = article.get_absolute_url()
    author = getattr(article, "author", None)
    cover = article.cover.url if getattr(article, "cover", None) else ""
    posting = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.summary,
        "url": absolute(url),
        "mainEntityOfPage": absolute(url),
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "wordCount": words_as_read(article.body_html),
        "author": {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
        if author
        else {"@type": "Organization", "name": settings.SITE_NAME},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")},
    }
    if cover:
        posting["image"] = absolute(cover) if cover.startswith("/") else cover
    return PageMeta(
        title=title(article.title, gettext("Blog")),
        description=article.summary,
        path=url,
        og_type="article",
        image=cover,
        json_ld=[posting],
        breadcrumbs=breadcrumbs(Article, (article.title, url)),
    )
