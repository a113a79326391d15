"""Metadata of the glossary's pages: a term is a schema.org DefinedTerm in the
glossary's DefinedTermSet."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from glossary_site.content.seo import PageMeta, absolute, breadcrumbs, title

from .models import Term
from .serializers import term_link


def glossary_set_ld():
    """The glossary itself, on the index page."""
    return {"@context": "https://schema.org", **glossary_ld(), "description": settings.SITE_DESCRIPTION}


def glossary_ld():
    return {
        "@type": "DefinedTermSet",
        "@id": absolute(reverse("terms:index")) + "#glossary",
        "name": gettext("%(site)s Glossary") % {"site": settings.SITE_NAME},
        "url": absolute(reverse("terms:index")),
    }


def term_meta(term):
    url = term.get_absolute_url()
    # The same title and canonical address as the API's description of the term.
    link = term_link(term)
    defined_term = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": link["title"],
        "description": term.summary,
        "url": link["url"],
        "inDefinedTermSet": glossary_ld(),
    }
    return PageMeta(
        title=title(term.title, gettext("Glossary")),
        description=term.summary,
        path=url,
        og_type="article",
        json_ld=[defined_term],
        breadcrumbs=breadcrumbs(Term, (term.title, url)),
    )
