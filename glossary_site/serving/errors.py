"""The 500 handler: static pages that need neither the database nor templates.

When the database is unreachable every page would fail; the reader gets a 503
"back soon" page with Retry-After instead of a generic error, and once the
database answers again the next request works (CONN_HEALTH_CHECKS reconnects).
"""

import sys
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse

_TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Read once at start-up: the error path must not touch disk, database or templates.
UNAVAILABLE_PAGE = (_TEMPLATES / "503.html").read_text(encoding="utf-8")
ERROR_PAGE = (_TEMPLATES / "500.html").read_text(encoding="utf-8")


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, (DatabaseError, InterfaceError)):
        response = HttpResponse(UNAVAILABLE_PAGE, status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(ERROR_PAGE, status=500)
    response["Cache-Control"] = "no-store"
    return response
