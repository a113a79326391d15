"""JSON answers of the API: errors with a message, and pages of results."""

import math

from django.conf import settings
from django.http import JsonResponse
from django.utils.http import urlencode

from glossary_site.content.seo import absolute


class BadRequest(Exception):
    """Input the API cannot answer: a 400 with this message."""


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def json_error(status, message):
    return json_response({"status": status, "message": message}, status=status)


def allowed_params(request, names):
    """Refuse a parameter the endpoint does not know, or one given twice."""
    for name in request.GET:
        if name not in names:
            known = ", ".join(sorted(names)) or "none"
            raise BadRequest(f"Unknown parameter {name!r}: this address takes {known}.")
        if len(request.GET.getlist(name)) > 1:
            raise BadRequest(f"Parameter {name!r} is given more than once.")


def page_number(request):
    value = request.GET.get("page", "1")
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(f"page must be a whole number from 1, not {value[:20]!r}.")
    return int(value)


def page(request, count, number, results):
    """{"count", "next", "previous", "results"}; `results` already cut to the page."""
    per_page = settings.API_PAGE_SIZE
    last = max(1, math.ceil(count / per_page))
    if number > last:
        raise BadRequest(f"page {number} is past the end: there are {last} pages.")

    def link(to):
        if not 1 <= to <= last:
            return None
        params = {**request.GET.dict(), "page": to}
        if to == 1:
            params.pop("page")
        query = urlencode(params)
        return absolute(request.path) + (f"?{query}" if query else "")

    return {"count": count, "next": link(number + 1), "previous": link(number - 1), "results": results}
