"""Security pieces Django does not ship: response headers, a request size cap, NUL
characters refused in addresses, the client address for login throttling.

The policy itself (CSP, HSTS, cookies, django-axes) lives in settings.py under
"Security"; README's Security section says what the site promises.
"""

from django.conf import settings
from django.http import HttpResponse


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (settings.PERMISSIONS_POLICY).

    A script that got in anyway could not reach the camera, the microphone or the
    reader's location, nor could any page that frames ours."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RequestSizeLimitMiddleware:
    """Answer 413 to a body larger than settings.MAX_REQUEST_BYTES before reading it.

    Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams file parts to
    disk whatever their size; the largest honest request is an image upload."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length.\n", status=400, content_type="text/plain")
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return HttpResponse(
                f"The request is larger than {limit} MB; nothing was saved.\n",
                status=413,
                content_type="text/plain",
            )
        return self.get_response(request)


class NulCharacterMiddleware:
    """Answer 400 to an address or a parameter holding a NUL character.

    No text column of PostgreSQL can hold one, so any lookup by such a path or
    parameter (the page cache's, a search's) fails with a DataError, which the
    error page takes for the database being down (503). No honest link has one.
    Other control characters are refused where text is saved (content/characters.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _holding_nul(request)
        if where is not None:
            return HttpResponse(f"{where} holds a NUL character.\n", status=400, content_type="text/plain")
        return self.get_response(request)


def _holding_nul(request):
    if "\x00" in request.path:
        return "The address"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return f"The parameter {name!r}"
    return None


def client_ip(request):
    """The address django-axes counts failures against.

    REMOTE_ADDR, which ForwardedForMiddleware has already replaced with the client's
    address when the request came through one of our proxies (and only then)."""
    return request.META.get("REMOTE_ADDR", "")
