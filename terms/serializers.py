"""A term as JSON: the one description of a term that the API serves and the term
page's JSON-LD is made from (title, summary and canonical address)."""

from datetime import UTC

from django.utils import translation

from glossary_site.content.seo import absolute
from glossary_site.markup.markdown import text_as_read

EXTRACT_CHARS = 300


def term_link(term):
    """What a list of terms needs to link one: title, slug and canonical address."""
    return {"title": term.title, "slug": term.slug, "url": absolute(term.get_absolute_url())}


def term_data(term):
    """A published term, from a queryset made by TermQuerySet.for_api(); its language
    and translations too when they were read (terms/api_languages.py)."""
    return {
        **term_link(term),
        **_languages(term),
        "summary": term.summary,
        "aliases": [alias.name for alias in term.aliases.all()],
        "related": [term_link(other) for other in term.public_related],
        "published_at": _iso(term.published_at),
        "updated_at": _iso(term.updated_at),
        "extract": extract(text_as_read(term.body_html)),
    }


def _languages(term):
    if not hasattr(term, "public_translations"):
        return {}
    return {
        "language": term.language,
        "translations": [_translation(other) for other in term.public_translations],
    }


def _translation(term):
    with translation.override(term.language):  # its address under its language's prefix
        url = absolute(term.get_absolute_url())
    return {"language": term.language, "title": term.title, "slug": term.slug, "url": url}


def extract(text, limit=EXTRACT_CHARS):
    """The start of the body's text, cut at a word and marked when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ·,;:")
    return cut + "…"


def _iso(moment):
    # Seconds are enough for a partner's updated_since, and read more easily.
    return moment.astimezone(UTC).isoformat(timespec="seconds")
