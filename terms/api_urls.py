"""The public API's addresses under /api/ (terms/api.py)."""

from django.urls import path, re_path

from glossary_site.api.views import not_found

from . import api

app_name = "api"

urlpatterns = [
    path("", api.ApiIndexView.as_view(), name="index"),
    path("openapi.json", api.OpenApiView.as_view(), name="openapi"),
    path("terms/", api.TermListView.as_view(), name="terms"),
    # A translation's slug may be in its own script (デプロイ), as SlugField(allow_unicode) takes.
    re_path(r"^terms/(?P<slug>[-\w]+)/$", api.TermView.as_view(), name="term"),
    # Anything else under /api/ answers in JSON too.
    re_path(r"^(?P<path>.+)$", not_found),
]
