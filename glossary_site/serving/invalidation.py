"""What an item's save or delete tells the stored pages.

An item's own page row follows its saves here: created or marked stale when it is
public, dropped when it is not; and the change is announced with the keys of what
it changed (its page, its card, where it may now appear), through counters.py,
which marks the pages showing them stale (staleness.py).
"""

from django.db.models import F

from glossary_site.content import registry, translations
from glossary_site.serving import counters
from glossary_site.serving import keys as page_keys
from glossary_site.serving.models import PageDependency, StoredPage


def item_saved(item, before, batch=None):
    """After an item's save: its page row, and the keys of what changed.

    before: its card values read before the save (card_before), None if new;
    batch: a bulk operation's, which announces the change at its end."""
    kind = registry.of(item)
    paths = set(StoredPage.objects.filter(kind=kind.name, object_id=item.pk).values_list("path", flat=True))
    if item.is_published:
        path = item.get_absolute_url()
        _delete_paths(paths - {path})  # an old address: it redirects now
        _to_render(item, path)
    else:
        _delete_paths(paths)
    card_changed = before is None or before != card_values(item)
    keys = change_keys(item) if card_changed else {page_keys.item(item)}
    counters.changed(keys=keys, lists={kind.name} if card_changed else (), batch=batch)


def items_created(items, batch=None):
    """item_saved(item, None) for items just created in bulk (an import): their page
    rows in a few queries, not a few each. A new item has no row of its own yet; a
    row already at one of their addresses (an item gone since) is taken over."""
    by_path = {item.get_absolute_url(): item for item in items if item.is_published}
    taken = set(StoredPage.objects.filter(path__in=list(by_path)).values_list("path", flat=True))
    for path in taken:
        _to_render(by_path[path])
    StoredPage.objects.bulk_create(
        [
            StoredPage(path=path, kind=registry.of(item).name, object_id=item.pk)
            for path, item in by_path.items()
            if path not in taken
        ],
        batch_size=1000,
    )
    keys = set().union(*(change_keys(item) for item in items))  # an article's new neighbours too
    counters.changed(keys=keys, lists={registry.of(item).name for item in items}, batch=batch)


def item_went_public(item):
    """A scheduled item whose time came: its page is to be rendered ahead."""
    _to_render(item)


def source_changed(source, batch=None):
    """A source changed what its translations' pages show of it (whether they are
    behind it, its address): their pages are rendered again."""
    kind = registry.of(source).name
    found = list(translations.translations_of(source))
    for translation in found:
        if translation.is_published:
            _to_render(translation)
    if found:
        counters.changed(keys={page_keys.item(kind, item.pk) for item in found}, batch=batch)


def item_deleted(item):
    _delete(StoredPage.objects.filter(kind=registry.of(item).name, object_id=item.pk))
    counters.changed(keys={page_keys.item(item), page_keys.card(item)}, lists={registry.of(item).name})


def change_keys(item):
    """The keys an item's change of card names: its page, the pages showing its card,
    and, while it is public, the pages where it may now appear (Kind.appears_on)."""
    kind = registry.of(item)
    keys = {page_keys.item(item), page_keys.card(item), page_keys.translations(item.translation_key)}
    if kind.appears_on is not None and item.is_published:
        keys |= set(kind.appears_on(item))
    return keys


def card_values(item):
    """What lists and other pages show of an item (its kind's `card_fields`)."""
    return tuple(getattr(item, name) for name in item.card_fields)


def card_before(item):
    """The stored card of an item about to be saved (None when it is new)."""
    if item._state.adding or item.pk is None:
        return None
    row = type(item).objects.filter(pk=item.pk).values_list(*item.card_fields).first()
    return tuple(row) if row is not None else None


def _delete(rows):
    _delete_paths(list(rows.values_list("path", flat=True)))


def _delete_paths(paths):
    """Drop these page rows and their dependencies: nothing to do, no query (a
    queryset's delete() would read the rows first, HTML and all, to send signals)."""
    if paths:
        PageDependency.objects.filter(path__in=list(paths)).delete()
        StoredPage.objects.filter(path__in=list(paths)).delete()


def _to_render(item, path=None):
    """The item's page row, created or marked stale (a new generation)."""
    kind, path = registry.of(item).name, path or item.get_absolute_url()
    updated = StoredPage.objects.filter(path=path).update(
        kind=kind, object_id=item.pk, stale=True, generation=F("generation") + 1
    )
    if not updated:
        StoredPage.objects.create(path=path, kind=kind, object_id=item.pk)
