"""The site's languages (a stand-in with the interface of the multilingual
foundation's module, until that is merged: take main's version over this one)."""

from django.conf import settings


def site_languages():
    return list(getattr(settings, "SITE_LANGUAGES", None) or ["en"])


def source_language():
    return site_languages()[0]


def is_source(code):
    return code == source_language()


def language_name(code):
    return code
