"""The 500 handler: pages rendered once, served without the database or templates.

When the database is unreachable every page would fail; the reader gets a 503
"back soon" page with Retry-After instead of a generic error, and once the
database answers again the next request works (CONN_HEALTH_CHECKS reconnects).
Both pages are in the language of the address (/de/... in German), like the page
the reader asked for.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from glossary_site.content import languages
from glossary_site.serving.middleware import language_of_path


def _page_languages():
    """The site's languages and every language the interface has a catalog for, so
    that a test or a worker with other SITE_LANGUAGES finds its page too."""
    catalogs = {path.name for base in settings.LOCALE_PATHS for path in Path(base).iterdir() if path.is_dir()}
    return [*languages.site_languages(), *sorted(catalogs - set(languages.site_languages()))]


def _render(template_name):
    pages = {}
    for code in _page_languages():
        home = "/" if languages.is_source(code) else f"/{code}/"
        with translation.override(code):
            pages[code] = render_to_string(template_name, {"home": home})
    return pages


# Rendered when the module is first loaded: the error path must not touch disk,
# database or templates, which may be what failed.
UNAVAILABLE_PAGES = _render("503.html")
ERROR_PAGES = _render("500.html")


def _in_language(pages, request):
    return pages.get(language_of_path(request.path_info)) or pages[languages.source_language()]


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, (DatabaseError, InterfaceError)):
        response = HttpResponse(_in_language(UNAVAILABLE_PAGES, request), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(_in_language(ERROR_PAGES, request), status=500)
    response["Cache-Control"] = "no-store"
    return response
