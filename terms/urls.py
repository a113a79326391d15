"""The glossary's addresses under /glossary/: index, feed, letters, terms."""

from django.urls import path

from . import feeds, views

app_name = "terms"

urlpatterns = [
    path("", views.TermIndexView.as_view(), name="index"),
    path("feed/", feeds.NewTermsFeed(), name="feed"),
    path("letter/<str:letter>/", views.LetterView.as_view(), name="letter"),
    path("<slug:slug>/", views.TermDetailView.as_view(), name="detail"),
    path("<slug:slug>/related/", views.RelatedTermsView.as_view(), name="related"),
]
