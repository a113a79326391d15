"""The blog's addresses under /blog/: list, feeds, tag and author pages, articles."""

from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("tag/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorArticleListView.as_view(), name="author"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
