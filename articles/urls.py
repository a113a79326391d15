from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("tag/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorArticleListView.as_view(), name="author"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
