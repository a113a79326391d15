"""Metadata for search engines and sharing: titles, canonical URLs, Open Graph,
JSON-LD (schema.org) and breadcrumbs. Views describe their page with a PageMeta;
templates only print it (templates/includes/meta.html, includes/breadcrumb.html).
Each app builds its own items' metadata (terms/seo.py, articles/seo.py)."""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from glossary_site.content import registry
from glossary_site.content.origin import absolute


@dataclass
class PageMeta:
    title: str
    description: str
    path: str
    og_type: str = "website"
    image: str = ""
    noindex: bool = False
    json_ld: list = field(default_factory=list)
    prev_path: str = ""
    next_path: str = ""
    # (name, path) pairs from Home to this page: the visible breadcrumb
    # (includes/breadcrumb.html) and its BreadcrumbList, which comes last in json_ld.
    breadcrumbs: list = field(default_factory=list)
    # On a site of several languages (content/alternates.py): the page's language,
    # its versions as (hreflang, absolute URL) with x-default last, og:locale and the
    # other versions' locales. Empty on a site of one, whose head stays as it was.
    language: str = ""
    alternates: list = field(default_factory=list)
    locale: str = ""
    locale_alternates: list = field(default_factory=list)

    def __post_init__(self):
        if self.breadcrumbs:
            self.json_ld = [*self.json_ld, breadcrumb_ld(*self.breadcrumbs)]

    @property
    def canonical(self):
        return absolute(self.path)

    @property
    def image_url(self):
        return absolute(self.image) if self.image.startswith("/") else self.image


def page_path(path, page_obj):
    """A list page's own address: page 1 without a query string, later pages with ?page=N."""
    if page_obj is None or page_obj.number == 1:
        return path
    return f"{path}?{urlencode({'page': page_obj.number})}"


def paginate(meta, path, page_obj):
    if page_obj is not None:
        meta.path = page_path(path, page_obj)
        if page_obj.has_previous():
            meta.prev_path = page_path(path, page_obj.paginator.page(page_obj.previous_page_number()))
        if page_obj.has_next():
            meta.next_path = page_path(path, page_obj.paginator.page(page_obj.next_page_number()))
    return meta


def title(*parts):
    return " — ".join([*parts, settings.SITE_NAME])


def breadcrumbs(model, current=None):
    """The trail to a page of an app's section: Home, the section's index page (named
    as its app is), then the page itself as (name, path) when it is not the index."""
    kind = registry.of(model)
    section = (str(kind.model._meta.app_config.verbose_name), reverse(kind.index_url_name))
    return [(gettext("Home"), reverse("home")), section, *([current] if current else [])]


def breadcrumb_ld(*crumbs):
    """schema.org BreadcrumbList matching the visible breadcrumb: (name, path) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def home_meta(path="/"):
    """The home page's: path is its address in the page's language (/de/)."""
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute(path),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return PageMeta(
        title=settings.SITE_NAME, description=settings.SITE_DESCRIPTION, path=path, json_ld=[website]
    )


def list_meta(page_title, description, path, crumbs, page_obj=None, extra_ld=()):
    """A list page (glossary index, letter, blog, tag, author): breadcrumb and paging."""
    if page_title == settings.SITE_NAME:
        shown_title = settings.SITE_NAME
    elif page_obj is not None and page_obj.number > 1:
        numbered = gettext("%(title)s — page %(number)s")
        shown_title = title(numbered % {"title": page_title, "number": page_obj.number})
    else:
        shown_title = title(page_title)
    meta = PageMeta(
        title=shown_title,
        description=description,
        path=path,
        json_ld=list(extra_ld),
        breadcrumbs=crumbs,
    )
    return paginate(meta, path, page_obj)


def json_ld(data):
    """JSON for a <script type="application/ld+json">: no content can close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(escaped)  # JSON with <, > and & escaped: inert inside a script element


class SeoMixin:
    """Adds `meta` (a PageMeta from get_meta()) to the template context."""

    def get_meta(self, context):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = self.get_meta(context)
        if context.get("preview"):
            context["meta"].noindex = True  # a staff preview of a draft is never indexed
        return context
