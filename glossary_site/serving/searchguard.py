"""What search may take of the site (README, "How search is bounded").

Each client may make SEARCH_RATE_LIMIT search requests (results pages and the search
box's suggestions together, in every language) per SEARCH_RATE_WINDOW seconds,
counted in the shared cache (ratelimit.py); past that it is told to wait with 429.
A search that finds every search slot taken (searchslots.py) is told to come back
with 503. Both carry Retry-After; the results page's refusals are a short page in
the site's layout, never indexed, and the suggestions' are JSON, as their answers are.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, ngettext

from glossary_site.content import seo
from glossary_site.serving import ratelimit
from glossary_site.serving.searchslots import SearchBusy

# The URL names of search's views, and whether each answers in JSON.
SEARCH_VIEWS = {"search": False, "search-suggest": True}
# A search holds its slot for a fraction of a second: one is free again by then.
BUSY_RETRY_SECONDS = 1


class SearchGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.url_name not in SEARCH_VIEWS:
            return None
        limit, window = settings.SEARCH_RATE_LIMIT, settings.SEARCH_RATE_WINDOW
        wait = ratelimit.retry_after("search", request, limit, window)
        return None if wait is None else refusal(request, 429, wait)

    def process_exception(self, request, exception):
        if isinstance(exception, SearchBusy):
            return refusal(request, 503, BUSY_RETRY_SECONDS)
        return None


def refusal(request, status, wait):
    """The answer to a search turned away: `status` 429 (this client asked too often)
    or 503 (the site is searching all it may), asking to come back in `wait` seconds."""
    limited = status == 429
    if SEARCH_VIEWS.get(request.resolver_match.url_name):
        message = _message(limited, wait)
        response = JsonResponse({"results": [], "message": message}, status=status)
    else:
        response = render(request, "search_wait.html", _page(request, limited, wait), status=status)
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


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
        # The reader's words stay in the search box, ready to send again.
        "search_query": request.GET.get("q", "")[:200],
        "meta": seo.PageMeta(
            title=seo.title(heading), description=settings.SITE_DESCRIPTION, path=request.path, noindex=True
        ),
    }
