"""The site's public origin, which every absolute address starts with.

SITE_URL pins it (production: canonical URLs must not depend on the Host header a
request came in with). Without SITE_URL, as in `make run` on any port, the origin
is the request's own. Pages are often rendered without one (the worker renders
stored pages ahead) or rendered once and served to every host (the page cache),
so absolute addresses are written with PLACEHOLDER and the placeholder is
replaced by the request's origin as the response leaves
(serving.middleware.PublicOriginMiddleware)."""

from django.conf import settings
from django.core import checks
from django.utils.encoding import iri_to_uri

# A reserved top-level domain (RFC 2606): no real address an editor types uses it.
PLACEHOLDER = "http://public-origin.invalid"


def site_origin():
    """The origin written into pages: SITE_URL, or the placeholder filled in per request."""
    return settings.SITE_URL or PLACEHOLDER


def absolute(path):
    """The absolute address of a path on the site, as a URI: a Japanese or German
    slug percent-encoded (canonical links, hreflang, feeds and the API hand it to
    programs that expect URIs). Links within pages stay as paths, as written."""
    return site_origin() + iri_to_uri(path)


def request_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def fill(content, request):
    """A response body (bytes) with the placeholder replaced by the request's origin."""
    return content.replace(PLACEHOLDER.encode(), request_origin(request).encode())


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    if not settings.SITE_URL:
        return [
            checks.Warning(
                "SITE_URL is not set: canonical URLs, feeds and the sitemap take the host "
                "of each request, so one page has as many addresses as the site has hosts.",
                hint="Set SITE_URL to the public address, e.g. https://devterms.example.",
                id="glossary.W001",
            )
        ]
    return []
