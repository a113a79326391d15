"""The sitemap: every public page with its last change, from the published() querysets.

Each app registers its own sections (content.registry); this module serves them.

Django's sitemap framework pages each section at `limit` URLs; /sitemap.xml is a
plain sitemap while the whole site fits in one (50,000 URLs, the protocol's
limit) and a sitemap index over the sections' pages once it does not.

On a site of several languages every URL lists its versions in the others
(<xhtml:link rel="alternate" hreflang>, with x-default: the source language's), as
an item's page does in its head (content/alternates.py); with one language the
sitemap is what it always was."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property

from glossary_site.content import languages, origin, registry

PROTOCOL_LIMIT = 50_000


class SiteSitemap(Sitemap):
    """Absolute URLs on the site's public origin (content.origin), whatever host the
    request came in on."""

    limit = PROTOCOL_LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(origin.site_origin()).scheme

    def get_domain(self, site=None):
        return urlsplit(origin.site_origin()).netloc

    @cached_property
    def paginator(self):
        # Django's is a plain property: a new paginator, and a new count, at every use.
        return Paginator(self._items(), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        if languages.is_multilingual():
            for url, versions in zip(urls, self.versions([url["item"] for url in urls]), strict=True):
                url["alternates"] = _alternates(versions)
        # The protocol asks for addresses as URIs: a Japanese slug percent-encoded
        # (the alternates are, as origin.absolute() made them).
        for url in urls:
            url["location"] = iri_to_uri(url["location"])
        return urls

    def versions(self, items):
        """For each item: {language: path} of its versions (none: no alternates)."""
        return [{} for _ in items]


def _alternates(versions):
    """Django's sitemap template's alternates: each version, then x-default."""
    if len(versions) < 2:
        return []
    order = languages.site_languages()
    found = sorted(
        versions.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)
    )
    alternates = [{"lang_code": code, "location": origin.absolute(path)} for code, path in found]
    source = versions.get(languages.source_language())
    if source is not None:
        alternates.append({"lang_code": "x-default", "location": origin.absolute(source)})
    return alternates


class PublishedSitemap(SiteSitemap):
    """Every published item of one model (an app's section names the model)."""

    model = None

    def items(self):
        published = self.model.objects.published().order_by("pk")
        return published.only("slug", "updated_at", "language", "translation_key")

    def lastmod(self, item):
        return item.updated_at

    def versions(self, items):
        """The published versions of this page's items: one query for the page."""
        found = {}
        others = self.model.objects.published().filter(
            translation_key__in={item.translation_key for item in items}
        )
        for version in others.only("slug", "language", "translation_key"):
            found.setdefault(version.translation_key, {})[version.language] = version.get_absolute_url()
        return [found.get(item.translation_key, {}) for item in items]


class PagesSitemap(SiteSitemap):
    """The home page and each kind's index page, in each site language."""

    def items(self):
        names = ["home", *(kind.index_url_name for kind in registry.kinds())]
        if not languages.is_multilingual():
            return names
        return [(name, code) for name in names for code in languages.site_languages()]

    def location(self, item):
        if isinstance(item, str):
            return reverse(item)
        name, code = item
        with translation.override(code):
            return reverse(name)

    def versions(self, items):
        return [
            {code: self.location((name, code)) for code in languages.site_languages()} for name, _ in items
        ]

    def lastmod(self, item):
        return self.latest_change

    @cached_property
    def latest_change(self):
        # The same for these pages: asked once per request, not once per page.
        latest = [
            kind.model.objects.published().aggregate(at=Max("updated_at"))["at"] for kind in registry.kinds()
        ]
        return max((at for at in latest if at), default=None)


def sections():
    """{section name: Sitemap class}: the site's pages, then each app's sections."""
    found = {"pages": PagesSitemap}
    for kind in registry.kinds():
        found.update(kind.sitemaps)
    return found


def sitemap(request):
    """One sitemap while it fits the protocol's limit, else an index of sections."""
    # Instances, not classes, so that each section's count is made once per request.
    instances = {name: section_class() for name, section_class in sections().items()}
    total = sum(section.paginator.count for section in instances.values())
    if total <= PROTOCOL_LIMIT:
        return sitemap_views.sitemap(request, sitemaps=instances)
    # Our own index rather than Django's: its section URLs must be on the public origin too.
    parts = []
    for name, section in instances.items():
        url = origin.absolute(reverse("sitemap-section", kwargs={"section": name}))
        pages = section.paginator.num_pages
        parts += [SitemapIndexItem(url if page == 1 else f"{url}?p={page}") for page in range(1, pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": parts}, content_type="application/xml")


def section(request, section):
    return sitemap_views.sitemap(request, sitemaps=sections(), section=section)
