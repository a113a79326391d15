"""The glossary's addresses under /glossary/: index, feed, letters, terms."""

from django.urls import path, re_path

from glossary_site.content.paths import ITEM_SLUG

from . import feeds, views

app_name = "terms"

urlpatterns = [
    path("", views.TermIndexView.as_view(), name="index"),
    path("feed/", feeds.NewTermsFeed(), name="feed"),
    path("letter/<str:letter>/", views.LetterView.as_view(), name="letter"),
    # A slug of any script: a translation's own ("デプロイ"), not only ASCII as <slug:>.
    re_path(rf"^(?P<slug>{ITEM_SLUG})/$", views.TermDetailView.as_view(), name="detail"),
    re_path(rf"^(?P<slug>{ITEM_SLUG})/related/$", views.RelatedTermsView.as_view(), name="related"),
]
