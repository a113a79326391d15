"""The site's languages (settings.SITE_LANGUAGES), the first being the source.

Every term and article has a language. An item in the source language is a
source; one in another language is a translation, joined to its source by a
shared translation key. With one language configured the site is what it was
before it knew about languages.
"""

from django.conf import settings
from django.conf.locale import LANG_INFO


def site_languages():
    """The codes of the languages the site publishes in, source first."""
    return list(settings.SITE_LANGUAGES)


def source_language():
    """The language editors write in first; its addresses carry no prefix."""
    return settings.SITE_LANGUAGES[0]


def is_source(code):
    return code == source_language()


def translation_languages():
    """The languages items may be translated into: every one but the source."""
    return site_languages()[1:]


def is_multilingual():
    return len(settings.SITE_LANGUAGES) > 1


def language_name(code):
    """The language's English name ("German"), for editors."""
    return LANG_INFO.get(code, {}).get("name", code)


def native_name(code):
    """The language's name in itself ("Deutsch"), for the reader's language switcher."""
    return LANG_INFO.get(code, {}).get("name_local", code)
