"""The sitemap: every public page with its last change, from the published() querysets.

Django's sitemap framework pages each section at `limit` URLs; /sitemap.xml is a
plain sitemap while the whole site fits in one (50,000 URLs, the protocol's
limit) and a sitemap index over the sections' pages once it does not."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property

from articles.models import Article
from terms.models import Term
from terms.views import letter_slug

PROTOCOL_LIMIT = 50_000


class SiteSitemap(Sitemap):
    """Absolute URLs on SITE_URL, whatever host the request came in on."""

    limit = PROTOCOL_LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    @cached_property
    def paginator(self):
        # Django's is a plain property: a new paginator, and a new count, at every use.
        return Paginator(self._items(), self.limit)


class PagesSitemap(SiteSitemap):
    def items(self):
        return ["home", "terms:index", "articles:list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.latest_change

    @cached_property
    def latest_change(self):
        # The same for the three pages: asked once per request, not once per page.
        latest = [
            Term.objects.published().aggregate(at=Max("updated_at"))["at"],
            Article.objects.published().aggregate(at=Max("updated_at"))["at"],
        ]
        return max((at for at in latest if at), default=None)


class LettersSitemap(SiteSitemap):
    def items(self):
        rows = Term.objects.published().values("index_letter").annotate(n=Count("id"), at=Max("updated_at"))
        return list(rows.order_by("index_letter"))

    def location(self, item):
        return reverse("terms:letter", kwargs={"letter": letter_slug(item["index_letter"])})

    def lastmod(self, item):
        return item["at"]


class TermsSitemap(SiteSitemap):
    def items(self):
        return Term.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ArticlesSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "letters": LettersSitemap,
    "terms": TermsSitemap,
    "articles": ArticlesSitemap,
}


def sitemap(request):
    """One sitemap while it fits the protocol's limit, else an index of sections."""
    # Instances, not classes, so that each section's count is made once per request.
    sections = {name: section_class() for name, section_class in SITEMAPS.items()}
    total = sum(section.paginator.count for section in sections.values())
    if total <= PROTOCOL_LIMIT:
        return sitemap_views.sitemap(request, sitemaps=sections)
    # Our own index rather than Django's: its section URLs must be on SITE_URL too.
    parts = []
    for name, section in sections.items():
        url = settings.SITE_URL + reverse("sitemap-section", kwargs={"section": name})
        pages = section.paginator.num_pages
        parts += [SitemapIndexItem(url if page == 1 else f"{url}?p={page}") for page in range(1, pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": parts}, content_type="application/xml")


def section(request, section):
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
