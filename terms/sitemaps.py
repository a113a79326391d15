"""The glossary's sitemap sections: every letter page and every published term."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import translation

from glossary_site.content.sitemaps import PublishedSitemap, SiteSitemap

from .letters import letter_slug
from .models import Term


class LettersSitemap(SiteSitemap):
    """The letter pages of each language (each has its own letters: no alternates)."""

    def items(self):
        rows = Term.objects.published().values("language", "index_letter")
        rows = rows.annotate(n=Count("id"), at=Max("updated_at"))
        return list(rows.order_by("language", "index_letter"))

    def location(self, item):
        with translation.override(item["language"]):
            return reverse("terms:letter", kwargs={"letter": letter_slug(item["index_letter"])})

    def lastmod(self, item):
        return item["at"]


class TermsSitemap(PublishedSitemap):
    model = Term
