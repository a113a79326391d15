"""Request middleware shared by the whole site."""

import ipaddress

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.utils import translation

from glossary_site.content import languages, origin
from glossary_site.serving import pages


class ForwardedForMiddleware:
    """Take the client's address from X-Forwarded-For, but only from our own proxies.

    A request straight from the internet could claim any X-Forwarded-For; the header
    is believed only when the connection comes from an address in
    FORWARDED_ALLOW_IPS (none unless the operator names them), and then the
    right-most address that is not one of our proxies is the client.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Addresses or networks, as gunicorn reads the same setting (settings.py checked them).
        self.trusted = [ipaddress.ip_network(proxy) for proxy in settings.FORWARDED_ALLOW_IPS]

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if forwarded and self.trusted and self._ours(request.META.get("REMOTE_ADDR", "")):
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            clients = [hop for hop in hops if not self._ours(hop)]
            if clients:
                request.META["REMOTE_ADDR"] = clients[-1]
        return self.get_response(request)

    def _ours(self, address):
        try:
            address = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)


class PublicOriginMiddleware:
    """Fill the request's origin into absolute addresses when SITE_URL is not set.

    Without SITE_URL, pages, feeds and API answers are written with
    content.origin.PLACEHOLDER, so that one render (stored ahead, or cached) is right
    for every host it is served on. It sits outside the page cache, which keeps and
    serves the placeholder version; renders ahead are stored as they are."""

    def __init__(self, get_response):
        if settings.SITE_URL:
            raise MiddlewareNotUsed  # addresses are written on SITE_URL already
        self.get_response = get_response
        self.placeholder = origin.PLACEHOLDER.encode()

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or pages.recording(request) or self.placeholder not in response.content:
            return response
        response.content = origin.fill(response.content, request)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


def language_of_path(path_info):
    """The site language a path is in: its first segment when that is one of the
    translation languages' codes (/de/glossary/...), else the source language.
    A code of a language the site does not publish is just a segment, so the
    address matches nothing and answers 404."""
    first = path_info.lstrip("/").partition("/")[0]
    return first if first in languages.translation_languages() else languages.source_language()


def without_language(path_info):
    """The path as the source language's page has it: /de/search/ -> /search/."""
    language = language_of_path(path_info)
    if languages.is_source(language):
        return path_info
    return path_info[len(language) + 1 :]


class PathLanguageMiddleware:
    """Activate the page's language from its address only.

    Unlike Django's LocaleMiddleware, it reads no Accept-Language header and no
    cookie, redirects nobody and adds no Vary: a crawler, whatever it sends, gets
    the page of the address it asked for, in every language. The previous language
    comes back after the response, since the worker renders pages of several
    languages one after another in one thread (serving/pages.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return self.get_response(request)
