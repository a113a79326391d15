"""What search may take of the site (README, "How search is bounded").

Each client may make SEARCH_RATE_LIMIT search requests (results pages and the search
box's suggestions together, in every language) per SEARCH_RATE_WINDOW seconds,
counted in the shared cache (ratelimit.py); past that it is told to wait with 429.
A search that finds every search slot of the node taken (searchslots.py) is told to
come back with 503. Both carry Retry-After; the results page's refusals are a short
page in the site's layout, never indexed, and the suggestions' are JSON, as their
answers are."""

import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext, ngettext

from glossary_site.content import seo
from glossary_site.serving import middleware, ratelimit, searchslots

logger = logging.getLogger(__name__)
# Search's addresses as the source language has them (/de/search/ counts as /search/),
# and whether each answers in JSON.
SEARCH_PATHS = {"/search/": False, "/search/suggest/": True}
# A search holds its slot for a fraction of a second: one is free again by then.
BUSY_RETRY_SECONDS = 1


class SearchGuardMiddleware:
    """Turns a client that asks too often away before the rest of the site's
    middleware and the view run: under a flood, refusals must cost far less than the
    pages they make room for. A search with no free slot is refused by the view's
    own search_slot(), around the work only: an answer already kept (search/kept.py)
    is served whatever the slots, as it costs about what a stored page costs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = middleware.without_language(request.path_info)
        if path not in SEARCH_PATHS:
            return self.get_response(request)
        limit, window = settings.SEARCH_RATE_LIMIT, settings.SEARCH_RATE_WINDOW
        wait = ratelimit.retry_after("search", request, limit, window)
        if wait is not None:
            return refusal(request, 429, wait)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, searchslots.SearchBusy):
            return refusal(request, 503, BUSY_RETRY_SECONDS)
        return None


def refusal(request, status, wait):
    """The answer to a search turned away: `status` 429 (this client asked too often)
    or 503 (the node is searching all it may), asking to come back in `wait` seconds."""
    limited = status == 429
    if SEARCH_PATHS.get(middleware.without_language(request.path_info)):
        response = JsonResponse({"results": [], "message": _message(limited, wait)}, status=status)
    elif limited:
        response = render(request, "search_wait.html", _page(request, limited, wait), status=status)
    else:
        response = HttpResponse(_busy_page(request, wait), status=status)
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    if not limited:
        logged_as_busy(request, response)
    return response


def logged_as_busy(request, response):
    """A 503 refusal we chose, not a failure: one warning, as a 429 gets, instead of
    the error (with the request attached) Django logs for every 5xx."""
    response._has_been_logged = True
    logger.warning("Search busy: %s answered 503", request.path)


# The 503 page by language and address, rendered once per process: the same for all.
_busy_pages = {}


def _busy_page(request, wait):
    key = (get_language(), request.path)
    if key not in _busy_pages:
        _busy_pages[key] = render(request, "search_wait.html", _page(request, False, wait)).content
    return _busy_pages[key]


def busy_message(wait=BUSY_RETRY_SECONDS):
    """What a search that found no slot is told, in the active language (the API's
    search says it too)."""
    return _message(False, wait)


def _message(limited, wait):
    if limited:
        text = ngettext(
            "Too many searches from your address: try again in %(seconds)d second.",
            "Too many searches from your address: try again in %(seconds)d seconds.",
            wait,
        )
    else:
        text = ngettext(
            "Search is busy: try again in %(seconds)d second.",
            "Search is busy: try again in %(seconds)d seconds.",
            wait,
        )
    return text % {"seconds": wait}


def _page(request, limited, wait):
    heading = gettext("Too many searches") if limited else gettext("Search is busy")
    return {
        "limited": limited,
        "heading": heading,
        "wait_message": _message(limited, wait),
        # The reader's words stay in the search box, ready to send again (not on the
        # 503 page, which is the same for everyone).
        "search_query": request.GET.get("q", "")[:200] if limited else "",
        "meta": seo.PageMeta(
            title=seo.title(heading), description=settings.SITE_DESCRIPTION, path=request.path, noindex=True
        ),
    }
