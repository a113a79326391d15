"""The glossary's sitemap sections: every letter page and every published term."""

from django.db.models import Count, Max
from django.urls import reverse

from glossary_site.content import languages
from glossary_site.content.sitemaps import PublishedSitemap, SiteSitemap

from .letters import letter_slug
from .models import Term


class LettersSitemap(SiteSitemap):
    def items(self):
        # The letter pages at these addresses list the source language's terms.
        terms = Term.objects.published().filter(language=languages.source_language())
        rows = terms.values("index_letter").annotate(n=Count("id"), at=Max("updated_at"))
        return list(rows.order_by("index_letter"))

    def location(self, item):
        return reverse("terms:letter", kwargs={"letter": letter_slug(item["index_letter"])})

    def lastmod(self, item):
        return item["at"]


class TermsSitemap(PublishedSitemap):
    model = Term
