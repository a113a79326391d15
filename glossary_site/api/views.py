"""The base of every API view: GET only, bad input a 400 with a message."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View

from glossary_site.api.responses import BadRequest, json_error, json_response, request_language
from glossary_site.serving import searchguard, searchslots


class ApiView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        # The address has no language prefix: messages follow `lang`, as the data does.
        with translation.override(request_language(request)):
            try:
                return super().dispatch(request, *args, **kwargs)
            except BadRequest as error:
                return json_error(400, str(error))
            except searchslots.SearchBusy:  # a search with no slot free (serving/searchslots.py)
                response = json_error(503, searchguard.busy_message())
                response["Retry-After"] = str(searchguard.BUSY_RETRY_SECONDS)
                searchguard.logged_as_busy(request, response)
                return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = json_error(405, _("The API is read-only: GET, HEAD or OPTIONS."))
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response

    def options(self, request, *args, **kwargs):
        # A preflight, should a client send one: any origin, GET, no credentials.
        response = HttpResponse(status=204)
        response["Allow"] = response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Max-Age"] = "86400"
        return response

    @staticmethod
    def respond(data, last_modified=None):
        response = json_response(data)
        if last_modified is not None:
            # The page cache sets its own when it stores the answer; this one serves
            # the answers it does not store (a client with a session cookie).
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return response


def _answers(path):
    """Whether a real API view (not this catch-all) answers the path."""
    try:
        return resolve(path).func is not not_found
    except Resolver404:
        return False


def not_found(request, path=""):
    """Any other address under the API: JSON, and the slash the address may lack."""
    if not request.path.endswith("/") and _answers(request.path + "/"):
        return HttpResponsePermanentRedirect(
            request.get_full_path().replace(request.path, request.path + "/", 1)
        )
    with translation.override(request_language(request)):
        return json_error(404, _("No such address in the API: see /api/ for what there is."))
