"""The blog's addresses under /blog/: list, feeds, tag and author pages, articles."""

from django.urls import path, re_path

from glossary_site.content.paths import ITEM_SLUG

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("tag/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorArticleListView.as_view(), name="author"),
    # A slug of any script: a translation's own, not only ASCII as <slug:>.
    re_path(rf"^(?P<slug>{ITEM_SLUG})/$", views.ArticleDetailView.as_view(), name="detail"),
]
