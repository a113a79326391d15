"""JSON answers of the API: errors with a message, and pages of results."""

import math
import re
from datetime import UTC

from django.conf import settings
from django.http import JsonResponse
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from glossary_site.content import languages
from glossary_site.content.seo import absolute


class BadRequest(Exception):
    """Input the API cannot answer: a 400 with this message."""


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def json_error(status, message):
    return json_response({"status": status, "message": message}, status=status)


def request_language(request):
    """The language of the request's messages: the one `lang` names when it is one of
    the site's, else the source language. Refusing a bad `lang` is the endpoint's job;
    this only chooses the words of the answer, so a 400 about `lang` is in the source
    language."""
    value = request.GET.get("lang", "").strip().lower()
    return value if value in languages.site_languages() else languages.source_language()


def allowed_params(request, names):
    """Refuse a parameter the endpoint does not know, or one given twice."""
    for name in request.GET:
        if name not in names:
            if not names:
                raise BadRequest(
                    _("Unknown parameter %(name)s: this address takes none.") % {"name": repr(name)}
                )
            known = ", ".join(sorted(names))
            raise BadRequest(
                _("Unknown parameter %(name)s: this address takes %(known)s.")
                % {"name": repr(name), "known": known}
            )
        if len(request.GET.getlist(name)) > 1:
            raise BadRequest(_("Parameter %(name)s is given more than once.") % {"name": repr(name)})


# ASCII digits only (str.isdigit() also takes "²", which int() refuses), and few
# enough that the offset of the page fits any database's integer (issue 26).
MAX_PAGE = 10**9 - 1
_PAGE_RE = re.compile(r"[0-9]{1,9}")
# An unencoded "+" in a query string arrives as a space: "…T10:00:00 02:00".
_OFFSET_AFTER_SPACE = re.compile(r" (\d\d:?\d\d)$")


def page_number(request):
    value = request.GET.get("page", "1")
    if not _PAGE_RE.fullmatch(value) or not 1 <= int(value) <= MAX_PAGE:
        raise BadRequest(
            _("page must be a whole number from 1 to %(last)s, not %(value)s.")
            % {"last": formats.number_format(MAX_PAGE, force_grouping=True), "value": repr(value[:20])}
        )
    return int(value)


def moment(request, name):
    """The ISO 8601 time parameter `name` as an aware time in UTC, or None if absent.
    A time without an offset is UTC; one that is not a time in UTC (year 1 at
    +05:00 is in year 0) is refused, as a comparison with it would fail."""
    value = request.GET.get(name)
    if value is None:
        return None
    example = "2025-01-31T09:00:00Z"
    text = _OFFSET_AFTER_SPACE.sub(r"+\1", value.strip())
    try:
        found = parse_datetime(text)
    except ValueError:
        found = None
    if found is None:
        raise BadRequest(
            _("%(name)s must be an ISO 8601 time such as %(example)s, not %(value)s.")
            % {"name": name, "example": example, "value": repr(value[:40])}
        )
    try:
        return found.astimezone(UTC) if found.tzinfo else found.replace(tzinfo=UTC)
    except OverflowError:
        raise BadRequest(
            _("%(name)s is out of range in UTC: give a time such as %(example)s.")
            % {"name": name, "example": example}
        ) from None


def page(request, count, number, results):
    """{"count", "next", "previous", "results"}; `results` already cut to the page."""
    per_page = settings.API_PAGE_SIZE
    last = max(1, math.ceil(count / per_page))
    if number > last:
        message = ngettext(
            "page %(number)s is past the end: there is %(last)s page.",
            "page %(number)s is past the end: there are %(last)s pages.",
            last,
        )
        raise BadRequest(message % {"number": number, "last": last})

    def link(to):
        if not 1 <= to <= last:
            return None
        params = {**request.GET.dict(), "page": to}
        if to == 1:
            params.pop("page")
        query = urlencode(params)
        return absolute(request.path) + (f"?{query}" if query else "")

    return {"count": count, "next": link(number + 1), "previous": link(number - 1), "results": results}
