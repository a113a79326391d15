"""Links in bodies to glossary and blog pages that lead nowhere: the editor's live
check as they type (PublishableAdmin.link_check_view, static/js/admin-editor.js)
and the broken links on the editor's home page (editorial/home.py)."""

import re

from django.db.models import Q
from django.urls import NoReverseMatch

from glossary_site.content.paths import slug_prefix
from glossary_site.content.redirects import SlugRedirect


def url_prefix(route):
    """ "/glossary/" for "terms:detail": what a body's link to such a page starts with."""
    try:
        return slug_prefix(route)
    except NoReverseMatch:
        return ""


def linked_slugs(markdown, prefix):
    """Slugs the Markdown links under prefix, in order, once each: the Python twin of
    linkedSlugs() in static/js/admin-editor.js (inline links, own site or path only)."""
    if not prefix:
        return []
    pattern = re.compile(
        r"\]\(\s*(?:https?://[^/)\s]+)?" + re.escape(prefix) + r"([a-z0-9-]+)/?(?:#[^)\s]*)?\s*\)"
    )
    return list(dict.fromkeys(pattern.findall(markdown)))


def existing_slugs(kind, slugs, items=None):
    """Those of the slugs that an item of the kind (of `items`, every one by default),
    or one of its other names, has."""
    items = kind.model.objects.all() if items is None else items
    found = set(items.filter(slug__in=slugs).values_list("slug", flat=True))
    if kind.other_names:
        other = f"{kind.other_names}__slug"
        found |= set(items.filter(**{f"{other}__in": slugs}).values_list(other, flat=True))
    return found


def unreachable_slugs(kind, slugs):
    """Those of the slugs at which readers find no public page: not a published item
    or another name of one, nor an old address that answers 301 (content/redirects.py)."""
    slugs = set(slugs)
    if not slugs:
        return set()
    left = slugs - existing_slugs(kind, slugs, kind.model.objects.published())
    if left:
        published = kind.model.objects.published().values("pk")
        moved = SlugRedirect.objects.filter(kind=kind.name, old_slug__in=left).filter(
            ~Q(replacement="") | Q(object_id__in=published)
        )
        left -= set(moved.values_list("old_slug", flat=True))
    return left
