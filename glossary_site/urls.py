"""Top-level URLs: the two apps, the admin and the staff-only editor endpoints.

The public pages answer in each site language: the source language's without a
prefix, as always, the others under their code (/de/glossary/). Which language a
request is in comes from its address alone (serving/middleware.py
PathLanguageMiddleware); a code the site does not publish matches nothing (404).
Everything else (admin, API, embed, review links, sitemaps, robots, health) has one
address."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from glossary_site import views
from glossary_site.content import robots, sitemaps
from glossary_site.editorial import editor, review
from glossary_site.serving import health

# The prefix follows the active language, so these patterns, built once, serve
# whichever languages settings.SITE_LANGUAGES names at the time (tests change it).
urlpatterns = i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("glossary/", include("terms.urls")),
    path("blog/", include("articles.urls")),
    path("search/", views.SearchView.as_view(), name="search"),
    # The search box asks the address of its page's language for its titles.
    path("search/suggest/", views.SuggestView.as_view(), name="search-suggest"),
    prefix_default_language=False,
)
urlpatterns += [
    # The public read-only API (issue 17): terms/api.py, plumbing in glossary_site/api/.
    path("api/", include("terms.api_urls")),
    # Hovercards other sites embed with one script tag, and their demo page.
    path("embed/", include("terms.embed_urls")),
    # A draft or scheduled change shown to people without an account (editorial/review.py).
    path("review/<str:token>/", review.ReviewView.as_view(), name="review"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", robots.robots_txt, name="robots"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the real icon.
    path("favicon.ico", views.favicon),
    # DJANGO_ADMIN_PATH (Security, issue 8); "admin/" unless set.
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("livez", health.livez, name="livez"),
    # The paths markdownx's widget posts to (settings.MARKDOWNX_*_PATH), served by ours.
    path("markdownx/markdownify/", editor.MarkdownifyView.as_view(), name="markdownx-markdownify"),
    path("markdownx/upload/", editor.ImageUploadView.as_view(), name="markdownx-upload"),
]

handler404 = "glossary_site.views.page_not_found"
handler500 = "glossary_site.serving.errors.server_error"

if settings.SERVE_MEDIA:
    # Uploaded images, for sites without a proxy in front; nginx serves them otherwise.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
