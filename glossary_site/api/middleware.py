"""Every API response (and the embeddable script) is for any site's scripts, and
every API client is rate limited (settings CORS_PREFIXES, API_PREFIX).

It sits before ConditionalGetMiddleware and the page cache, so a cached answer
and a 304 are counted and carry the CORS header too (the page cache keeps only a
few headers of what it stores)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from glossary_site.api.responses import json_error, request_language
from glossary_site.serving import ratelimit


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(settings.CORS_PREFIXES):
            return self.get_response(request)
        limited = request.path.startswith(settings.API_PREFIX)
        wait = None
        if limited:
            wait = ratelimit.retry_after("api", request, settings.API_RATE_LIMIT, settings.API_RATE_WINDOW)
        if wait is not None:
            response = json_error(429, _too_many(request, wait))
            response["Retry-After"] = str(wait)
        else:
            response = self.get_response(request)
        # Any origin may read the API, but never with cookies or credentials: no
        # Access-Control-Allow-Credentials, so browsers send none and expose nothing private.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response


def _too_many(request, wait):
    with translation.override(request_language(request)):
        message = ngettext(
            "Too many requests from your address: try again in %(wait)s second.",
            "Too many requests from your address: try again in %(wait)s seconds.",
            wait,
        )
    return message % {"wait": wait}
