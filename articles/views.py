from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from glossary_site import redirects, seo
from glossary_site.preview import StaffPreviewMixin
from terms.models import Term

from .models import Article, Author, Tag

# What a link to another article needs: nothing of its body.
LINK_FIELDS = ("title", "slug", "published_at")


class PublishedArticleMixin:
    """Every public article view starts from the one published() queryset."""

    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(seo.SeoMixin, PublishedArticleMixin, ListView):
    """The blog list; the tag and author pages are the same list, narrowed."""

    paginate_by = settings.ARTICLES_PER_PAGE

    def get_meta(self, context):
        path = reverse("articles:list")
        description = "Articles about backend engineering, web performance and fintech."
        return seo.list_meta("Blog", description, path, [("Home", "/"), ("Blog", path)], context["page_obj"])

    def get_queryset(self):
        # Cards show tags: one query for the whole page, not one per card.
        return super().get_queryset().defer("body", "body_html", "toc_html").prefetch_related("tags")


class TagArticleListView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_meta(self, context):
        path, blog = self.tag.get_absolute_url(), reverse("articles:list")
        description = f"Articles about {self.tag.name} on the {settings.SITE_NAME} blog."
        crumbs = [("Home", "/"), ("Blog", blog), (self.tag.name, path)]
        return seo.list_meta(
            f"Articles tagged “{self.tag.name}”", description, path, crumbs, context["page_obj"]
        )


class AuthorArticleListView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def get_meta(self, context):
        path, blog = self.author.get_absolute_url(), reverse("articles:list")
        description = self.author.bio or f"Articles by {self.author.name} on the {settings.SITE_NAME} blog."
        crumbs = [("Home", "/"), ("Blog", blog), (self.author.name, path)]
        return seo.list_meta(f"{self.author.name} — Blog", description, path, crumbs, context["page_obj"])


class ArticleDetailView(seo.SeoMixin, StaffPreviewMixin, PublishedArticleMixin, DetailView):
    model = Article

    def get_meta(self, context):
        return seo.article_meta(self.object)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the article used to have: 301 to it now, or 410 Gone.
            moved = redirects.resolve(request, Article, kwargs["slug"])
            if moved is None:
                raise
            return moved

    def get_queryset(self):
        # Everything the page shows in a fixed number of queries, however many
        # tags and terms the article has. Terms in title order as the glossary
        # sorts titles (accents and case folded).
        terms = Term.objects.published().only("title", "slug").order_by("sort_key")
        return (
            super()
            .get_queryset()
            .select_related("author")
            .prefetch_related("tags", Prefetch("mentioned_terms", queryset=terms, to_attr="published_terms"))
        )

    def get_context_data(self, **kwargs):
        article = self.object
        published = Article.objects.published().only(*LINK_FIELDS)
        return super().get_context_data(
            previous_article=published.older_than(article).first(),
            next_article=published.newer_than(article).first(),
            related_articles=published.related_to(article)[:3],
            **kwargs,
        )
