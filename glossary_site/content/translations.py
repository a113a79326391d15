"""The questions asked of an item and its translations: which is the source, which
translations it has, and which have fallen behind it.

An item and its translations share a translation key; the source is the one in the
source language (content/languages.py). A translation records the source revision
it was made from (or last marked up to date at) in `translated_from`; the source's
`source_revision` rises with each change that is not minor (content/models.py).
"""

from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Coalesce

from glossary_site.content import languages


def source_of(item):
    """The item's source (the item itself when it is one), or None when it has none."""
    if languages.is_source(item.language):
        return item
    return (
        type(item)
        .objects.filter(translation_key=item.translation_key, language=languages.source_language())
        .first()
    )


def translations_of(item):
    """Every other item sharing the item's translation key, in any language."""
    return type(item).objects.filter(translation_key=item.translation_key).exclude(pk=item.pk)


def is_out_of_date(translation, source=None):
    """Whether the source changed (not minor) since the translation was made from it.

    A translation that does not say what it was made from (translated_from None,
    e.g. written before translations were tracked) counts as out of date: nobody can
    vouch for it until an editor compares it with the source and marks it up to date.
    A source, or a translation whose source is gone, is never out of date."""
    if languages.is_source(translation.language):
        return False
    source = source or source_of(translation)
    if source is None:
        return False
    return translation.translated_from is None or translation.translated_from < source.source_revision


def out_of_date(queryset, language):
    """The translations in `language` behind their source: one query, the source
    found through the (translation_key, language) unique index, not a loop."""
    sources = queryset.model.objects.filter(
        translation_key=OuterRef("translation_key"), language=languages.source_language()
    )
    # Not made from a known revision (None) compares as 0, below every revision. One
    # EXISTS and no OR: PostgreSQL then joins the two sides (a hash semi-join)
    # instead of looking the source up once per translation.
    made_from = Coalesce(OuterRef("translated_from"), Value(0))
    return queryset.filter(language=language).filter(Exists(sources.filter(source_revision__gt=made_from)))


def missing_in(queryset, language):
    """The sources that have no translation in `language` yet."""
    translated = queryset.model.objects.filter(translation_key=OuterRef("translation_key"), language=language)
    return queryset.filter(language=languages.source_language()).exclude(Exists(translated))
