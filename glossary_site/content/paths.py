"""Addresses of items by slug: reverse() once per view name, then string joins.

reverse() costs 20 to 40 microseconds; the glossary index links a few hundred
terms, so reversing every link was about a quarter of that page's render time.
Slugs are letters (of any script in a translation), digits, hyphens and
underscores, joined as they are: the same text as request.path, which stored pages
are looked up by. The script prefix, URLconf and language (/de/ addresses) are part
of the cache key, so a site mounted elsewhere, a test's own URLconf and each
language get their own addresses."""

from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

_MARK = "slug-mark"
# What an item's slug may be in a URL pattern: SlugField(allow_unicode=True)'s letters.
ITEM_SLUG = r"[-\w]+"


@cache
def _around_slug(view_name, prefix, urlconf, language):
    with translation.override(language):
        before, after = reverse(view_name, urlconf=urlconf, kwargs={"slug": _MARK}).split(_MARK)
    return before, after


def slug_url(view_name, slug, language=None):
    """The same as reverse(view_name, kwargs={"slug": slug}), faster.

    language: the item's, whose address it is (/de/glossary/...); the active
    language (the page's) when not given."""
    language = language or translation.get_language()
    before, after = _around_slug(view_name, get_script_prefix(), get_urlconf(), language)
    return f"{before}{slug}{after}"


def slug_prefix(view_name, language=None):
    """What every address of the view starts with, before the slug ("/glossary/")."""
    language = language or translation.get_language()
    return _around_slug(view_name, get_script_prefix(), get_urlconf(), language)[0]
