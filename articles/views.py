from django.conf import settings
from django.views.generic import DetailView, ListView

from .models import Article


class PublishedArticleMixin:
    """Every public article view starts from the one published() queryset."""

    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(PublishedArticleMixin, ListView):
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return super().get_queryset().defer("body", "body_html")


class ArticleDetailView(PublishedArticleMixin, DetailView):
    pass
