"""The kinds of publishable item, as the apps declare them, and what the core knows of each.

An app registers each publishable model in its AppConfig.ready(), the way
django.contrib.admin learns about models. Search, sitemaps, the term linker, the
page cache's counter, import/export and the admin then work from this registry:
the shared core never imports an app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Kind:
    """One kind of publishable item.

    model: a Publishable subclass; its model_name is the kind's name in search
        documents, old-address rows and content files ("term", "article").
    url_name: its detail page, reversed with `slug` ("terms:detail").
    index_url_name: the page listing every item of the kind ("terms:index").
    page_meta: item -> PageMeta of its detail page.
    sitemaps: {section name: Sitemap class}, in the order of /sitemap.xml.
    record: its import/export format (an exchange.records.RecordFormat).
    mentions: the many-to-many field where the linker stores what a body links.
    link_target: bodies link the names of published items of this kind (the
        glossary's terms); such a model has `sort_key` and `index_letter`.
    other_names: of a link target, the reverse relation of its other names
        (objects with `name` and `slug`: aliases).
    link_rules: of a link target, published queryset -> {id: keyword arguments of
        markup.linker.Target} with each item's own linking rules (on/off, case, phrases).
    editor_key: the word the admin editor's link check uses for this kind's
        addresses (data-<key>-prefix, ?<key>=slug).
    home: (context name, callable returning the items) for the home page.
    appears_on: published item -> keys of the stored pages that may show it now
        and did not before: where it newly appears after it went public, moved or
        changed what it is grouped by (an article's new previous and next, the
        articles it now shares tags with). Pages that already showed it follow its
        card key.
    groupings: {many-to-many field name: grouping name}: groups of items whose
        pages list each other (an article's tags); a published item joining or
        leaving one names serving.keys.grouping(name, group id).
    prepare_review: item -> None: sets on a revision shown by a review link
        (editorial/review.py) what the kind's detail template shows beside the
        item's own fields, as its detail view would.
    """

    model: type
    url_name: str
    index_url_name: str
    page_meta: Callable
    sitemaps: dict = field(default_factory=dict)
    record: object = None
    mentions: str = ""
    link_target: bool = False
    other_names: str = ""
    link_rules: Callable | None = None
    editor_key: str = ""
    home: tuple = ()
    appears_on: Callable | None = None
    groupings: dict = field(default_factory=dict)
    prepare_review: Callable | None = None

    @property
    def name(self):
        return self.model._meta.model_name

    @property
    def folder(self):
        """Where its content files live in an export, and its demo files."""
        return f"{self.name}s"


_kinds = {}


def register(kind):
    """Declare a kind (from AppConfig.ready())."""
    _kinds[kind.name] = kind


def kinds():
    """Every registered kind, in the order the apps registered them."""
    return list(_kinds.values())


def get(name):
    return _kinds[name]


def of(model_or_item):
    """The kind of a model or of one of its items."""
    try:
        return _kinds[model_or_item._meta.model_name]
    except KeyError:
        raise ImproperlyConfigured(f"{model_or_item._meta.label} is not a registered kind.") from None


def link_target():
    """The kind whose names bodies link (the glossary's terms)."""
    return next(kind for kind in _kinds.values() if kind.link_target)


def app_labels():
    return {kind.model._meta.app_label for kind in _kinds.values()}
