"""The blog's pages: the list (also by tag and by author) and an article."""

from functools import cache

from django.conf import settings
from django.db.models import JSONField, OuterRef, Subquery
from django.db.models.functions import Now
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from glossary_site.content import alternates, queries, registry, seo
from glossary_site.content.views import ListsPageMixin, PublishedDetailMixin, PublishedMixin
from glossary_site.markup import images, mentions
from glossary_site.markup.markdown import rendered_parts
from glossary_site.markup.models import ResponsiveImage
from glossary_site.serving import keys, pages

from . import page_keys
from .models import Article, Author, Tag

# What a link to another article needs: nothing of its body (the id: the stored
# page records the cards it shows).
LINK_FIELDS = ("id", "title", "slug", "published_at", "language")
# A card's cover: a thumbnail beside the text from 40rem (blog.css), the column's width below.
CARD_COVER_SIZES = "(min-width: 40rem) 12rem, calc(100vw - 2rem)"
# Cards whose cover is likely in the first screen: loaded at once, the rest lazily.
EAGER_COVERS = 2


class ArticleListView(ListsPageMixin, seo.SeoMixin, PublishedMixin, ListView):
    """The blog list; the tag and author pages are the same list, narrowed."""

    model = Article

    paginate_by = settings.ARTICLES_PER_PAGE

    def get_meta(self, context):
        path = reverse("articles:list")
        description = gettext("Articles about backend engineering, web performance and fintech.")
        meta = seo.list_meta(
            gettext("Blog"), description, path, seo.breadcrumbs(Article), context["page_obj"]
        )
        if context["page_obj"].number > 1:
            return meta  # a later page has no counterpart known to exist in the other languages
        return alternates.add(meta, self.language, lambda: alternates.of_list(path))

    def get_queryset(self):
        # Cards show tags and the cover's widths: JSON columns of each article's row,
        # and the author by a join, not a query per card.
        lists = _article_page_lists()
        return (
            super()
            .get_queryset()
            .select_related("author")
            .defer("body", "body_html", "toc_html")
            .annotate(tag_rows=lists["tag_rows"], cover_widths=lists["cover_widths"])
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for position, article in enumerate(context["article_list"]):
            if article.cover and article.cover_widths:
                article.cover_srcset = images.srcset(article.cover.name, article.cover_widths)
            article.cover_lazy = position >= EAGER_COVERS
        context["cover_sizes"] = CARD_COVER_SIZES
        return context


class TagArticleListView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_meta(self, context):
        path = self.tag.get_absolute_url()
        names = {"name": self.tag.name, "site": settings.SITE_NAME}
        description = gettext("Articles about %(name)s on the %(site)s blog.") % names
        crumbs = seo.breadcrumbs(Article, (self.tag.name, path))
        return seo.list_meta(
            gettext("Articles tagged “%(name)s”") % names, description, path, crumbs, context["page_obj"]
        )


class AuthorArticleListView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def get_meta(self, context):
        path = self.author.get_absolute_url()
        names = {"name": self.author.name, "site": settings.SITE_NAME}
        description = self.author.bio or gettext("Articles by %(name)s on the %(site)s blog.") % names
        crumbs = seo.breadcrumbs(Article, (self.author.name, path))
        return seo.list_meta(
            gettext("%(name)s — Blog") % names, description, path, crumbs, context["page_obj"]
        )


def _terms():
    """The glossary's terms, which articles mention: known through the registry (the
    apps import nothing of each other)."""
    return registry.get("term").model


@cache
def _article_page_lists():
    """Built once per process: building these subqueries cost more than running them."""
    published = Article.objects.published(now=Now())
    # The previous and next article in the article's own language.
    neighbours = published.filter(language=OuterRef("language"))
    return {
        "previous_row": queries.first_row(neighbours.older_than(), *LINK_FIELDS),
        "next_row": queries.first_row(neighbours.newer_than(), *LINK_FIELDS),
        "tag_rows": queries.rows_pointing_at(Tag.objects.all(), "articles", "name", "slug"),
        "term_rows": queries.rows_pointing_at(
            # The glossary terms of the article's own language.
            _terms().objects.published(now=Now()).filter(language=OuterRef("language")),
            "mentioned_in_articles",
            "title",
            "slug",
            "sort_key",
            "language",
        ),
        # The widths of the cover's WebP versions, once the worker has made them.
        "cover_widths": Subquery(
            ResponsiveImage.objects.filter(name=OuterRef("cover")).values("widths")[:1],
            output_field=JSONField(),
        ),
    }


class ArticleDetailView(PublishedDetailMixin, DetailView):
    model = Article

    def get_queryset(self):
        # The article, its author, tags, glossary terms and its previous and next
        # article in one query (the short lists as JSON columns, see queries.py).
        return super().get_queryset().select_related("author").annotate(**_article_page_lists())

    def render_body(self, item):
        html, item.reading_time, item.toc_html, _ = rendered_parts(item.body, item.language)
        item.body_html, _ = mentions.link(html, item.own_term_id(), item.own_names(), item.language)
        item.body_html = images.with_sources(item.body_html)

    def page_dependencies(self, article):
        # The glossary terms it shows, by their cards, and the groups its related
        # articles come from (articles/page_keys.py); the articles it shows are
        # recorded as the context is made.
        terms = list(article.mentioned_terms.values_list("pk", flat=True))
        tags = article.tags.values_list("pk", flat=True)
        return [
            *(keys.card("term", pk) for pk in terms),
            *(keys.mentions("term", pk) for pk in terms),
            *(page_keys.tag_key(pk) for pk in tags),
            *keys.versions_of(article),
        ]

    def get_context_data(self, **kwargs):
        article = self.object
        # Terms in title order as the glossary sorts titles (accents and case folded).
        article.published_terms = queries.instances(_terms(), article.term_rows, by="sort_key")
        if article.cover and article.cover_widths:
            article.cover_srcset = images.srcset(article.cover.name, article.cover_widths)
            article.cover_sizes = images.SIZES
        previous = queries.instance(Article, article.previous_row)
        following = queries.instance(Article, article.next_row)
        paged = [item for item in (previous, following) if item is not None]
        # Not again among the related articles: the pager links them already.
        candidates = (
            Article.objects.published()
            .in_language(self.language)
            .only(*LINK_FIELDS)
            .exclude(pk__in=[item.pk for item in paged])
        )
        related = list(candidates.related_to(article)[:3])
        shown = [*paged, *related]
        pages.depends_on(self.request, *(keys.card(item) for item in shown))
        return super().get_context_data(
            previous_article=previous,
            next_article=following,
            related_articles=related,
            listed_articles=[article, *shown],  # the sidebar leaves these out
            **kwargs,
        )
