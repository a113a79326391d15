"""Addresses of items by slug: reverse() once per view name, then string joins.

reverse() costs 20 to 40 microseconds; the glossary index links a few hundred
terms, so reversing every link was about a quarter of that page's render time.
Slugs are ASCII letters, digits, hyphens and underscores (SlugField), which a URL
carries as they are. The script prefix and URLconf are part of the cache key, so
a site mounted elsewhere, or a test's own URLconf, still gets its own addresses."""

from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = "slug-mark"


@cache
def _around_slug(view_name, prefix, urlconf):
    before, after = reverse(view_name, urlconf=urlconf, kwargs={"slug": _MARK}).split(_MARK)
    return before, after


def slug_url(view_name, slug):
    """The same as reverse(view_name, kwargs={"slug": slug}), faster."""
    before, after = _around_slug(view_name, get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"


def slug_prefix(view_name):
    """What every address of the view starts with, before the slug ("/glossary/")."""
    return _around_slug(view_name, get_script_prefix(), get_urlconf())[0]
