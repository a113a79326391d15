"""JSON answers of the API: errors with a message, and pages of results."""

import math
import re
from datetime import UTC

from django.conf import settings
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
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


# ASCII digits only (str.isdigit() also takes "²", which int() refuses), and few
# enough that the offset of the page fits any database's integer (issue 26).
MAX_PAGE = 10**9 - 1
_PAGE_RE = re.compile(r"[0-9]{1,9}")
# An unencoded "+" in a query string arrives as a space: "…T10:00:00 02:00".
_OFFSET_AFTER_SPACE = re.compile(r" (\d\d:?\d\d)$")


def page_number(request):
    value = request.GET.get("page", "1")
    if not _PAGE_RE.fullmatch(value) or not 1 <= int(value) <= MAX_PAGE:
        raise BadRequest(f"page must be a whole number from 1 to {MAX_PAGE:,}, not {value[:20]!r}.")
    return int(value)


def moment(request, name):
    """The ISO 8601 time parameter `name` as an aware time in UTC, or None if absent.
    A time without an offset is UTC; one that is not a time in UTC (year 1 at
    +05:00 is in year 0) is refused, as a comparison with it would fail."""
    value = request.GET.get(name)
    if value is None:
        return None
    example = "such as 2025-01-31T09:00:00Z"
    text = _OFFSET_AFTER_SPACE.sub(r"+\1", value.strip())
    try:
        found = parse_datetime(text)
    except ValueError:
        found = None
    if found is None:
        raise BadRequest(f"{name} must be an ISO 8601 time {example}, not {value[:40]!r}.")
    try:
        return found.astimezone(UTC) if found.tzinfo else found.replace(tzinfo=UTC)
    except OverflowError:
        raise BadRequest(f"{name} is out of range in UTC: give a time {example}.") from None


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
