"""The language an API request asks for (`?lang=`), and each term's translations.

A term in the API is in one language: the source language unless `lang` names
another of the site's languages. With more than one language each term lists its
published translations (the source among them, for a translation), each with its
address in its own language."""

from django.utils.translation import gettext as _

from glossary_site.api.responses import BadRequest
from glossary_site.content import languages

from .models import Term


def chosen_language(request):
    """The site language `lang` names, or the source language; any other value is a 400."""
    value = request.GET.get("lang")
    if value is None:
        return languages.source_language()
    code = value.strip().lower()
    if code not in languages.site_languages():
        known = ", ".join(languages.site_languages())
        raise BadRequest(
            _("lang must be one of the site's languages (%(known)s), not %(value)s.")
            % {"known": known, "value": repr(value[:20])}
        )
    return code


def in_language(terms, language):
    return terms.filter(language=language)


def with_translations(terms):
    """Set `public_translations` on each term: its other published language versions,
    in the order of SITE_LANGUAGES, in one query for a whole page of terms."""
    versions = {}
    keys = {term.translation_key for term in terms}
    found = (
        Term.objects.published()
        .filter(translation_key__in=keys)
        .only("title", "slug", "language", "translation_key")
    )
    for version in found:
        versions.setdefault(version.translation_key, []).append(version)
    order = languages.site_languages()
    for term in terms:
        others = [v for v in versions.get(term.translation_key, ()) if v.language != term.language]
        term.public_translations = sorted(others, key=lambda version: order.index(version.language))
