"""What follows a change of content: one module, one order, read top to bottom.

`Publishable.save()` sets only the item's own columns and announces the save
through content/hooks.py; this module is what receives it. Before the row is
written, `prepare()` renders the body (its HTML, contents, reading time, and the
links to other terms) and reads what the item was. After, in the same
transaction, `saved()` runs:

1. old addresses: a renamed or unpublished page keeps answering (content/redirects.py);
2. the search index: the item's document and the words "did you mean" knows (search/);
3. mentions: which terms the body links, and when a term's name, address, summary
   or linking rules changed, a relink request for the bodies that mention it, which
   the background worker carries out (markup/relinking.py);
4. the stored pages: the item's own page and the pages that show what changed are
   marked stale, the counters raised, and the next timed change (a scheduled
   publication) looked up again when a list changed (serving/invalidation.py);
   a source's change its translations show (their out-of-date notice, the link
   to it) marks their pages stale too;
5. scheduling: an item published with a time ahead wakes the worker at that time,
   which makes it public (serving/publications.py); no reader's request writes;
6. responsive images: a body showing an upload whose WebP versions were not made
   yet is looked at again after the commit, as the worker may have made them while
   this save was open (markup/images.py).

A bulk operation passes a Batch (content/batch.py) to each save: steps 3 and 4
are then collected and done once by `finish(batch)`, against the final set of terms.

Changes that do not pass through save() arrive as Django signals, connected here
and nowhere else: deletes (the admin's bulk delete calls no delete()), a term's
other names edited inline (aliases), other rows of the content apps (tags,
authors), and many-to-many changes (related terms, an article's tags).
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone

from glossary_site.content import hooks, languages, redirects, registry
from glossary_site.markup import images, mentions, relinking
from glossary_site.markup.markdown import RENDERER_VERSION, rendered_parts
from glossary_site.search import indexing
from glossary_site.serving import counters, invalidation, keys, publications


@dataclass
class Change:
    """One save on its way: the item, what it was, and what its render found."""

    item: object
    batch: object
    text: str  # the body as plain text, for the search document
    mentioned: list | None  # the terms the body links (None: linked at the batch's end)
    stored: dict | None  # the row as it was before this save (None: a new item)
    images_not_made: set  # uploaded images it shows whose WebP versions were not recorded


def prepare(item, batch=None):
    """Before the row is written: the body's derived columns, and the row as it was."""
    _hold_other_names(item)
    html, item.reading_time, item.toc_html, text = rendered_parts(item.body, item.language)
    item.renderer_version = RENDERER_VERSION
    mentioned = None
    if batch is None:  # a batch links every body at its end, against the final terms
        html, mentioned = mentions.link(html, item.own_term_id(), item.own_names(), item.language)
    not_made = set()
    item.body_html = images.with_sources(html, not_made)
    return Change(item, batch, text, mentioned, _stored(item), not_made)


def saved(change):
    """After the row is written, inside the saving transaction, in this order."""
    item, batch, kind = change.item, change.batch, registry.of(change.item)
    redirects.after_save(item, _previous(change))  # 1
    indexing.index(item, change.text)  # 2
    if batch is None:  # 3
        relinking.store_mentions(kind, {item.pk: change.mentioned})
    else:
        batch.body_saved(kind.name, item.pk)
    if kind.link_target and _link_changed(change):
        old_names = [change.stored["title"]] if change.stored else []
        relinking.relink_after_change(item, old_names=old_names, batch=batch)
    invalidation.item_saved(item, _card_before(change), batch)  # 4
    if _translations_follow(change):
        invalidation.source_changed(item, batch)
    publications.wake_for([item])  # 5
    images.look_again(change.images_not_made)  # 6
    _let_go_of_other_names(item)


def finish(batch):
    """The end of a bulk operation, still inside its transaction: every body saved in
    it linked (as stored: rendered, not linked), every body its changes of terms
    affect linked again, and the stored pages told what changed, once."""
    saved_bodies = set(batch.bodies)
    relinking.relink(saved_bodies, from_stored=True, progress=batch.progress, batch=batch)
    relinking.relink(relinking.bodies_affected(batch) - saved_bodies, batch=batch)
    counters.announce_batch(batch)


def created(kind, items, texts, words, batch):
    """What saved() does, for items just created in bulk in a batch (an import):
    each kind of row in one statement. texts: their bodies as plain text; words:
    the search words the batch wrote already (a set this adds to)."""
    redirects.taken_over(kind.name, items)
    # Rendered in this process before they were written (exchange/batching.py).
    kind.model.objects.filter(pk__in=[item.pk for item in items]).update(renderer_version=RENDERER_VERSION)
    indexing.index_new(items, texts, words)
    relinking.created(items, batch)
    invalidation.items_created(items, batch)
    publications.wake_for(items)


# --- What the item was --------------------------------------------------------


def _hold_other_names(item):
    """Read a term's other names (aliases) once for the whole save: the linker, the
    search row and the words each ask for them. Let go of at its end, as the admin
    saves the inline aliases after the item."""
    _let_go_of_other_names(item)  # held still if an earlier save of this copy failed
    other_names = registry.of(item).other_names
    if other_names and item.pk is not None and other_names not in _prefetched(item):
        prefetch_related_objects([item], other_names)
        item._other_names_held = other_names


def _let_go_of_other_names(item):
    held = item.__dict__.pop("_other_names_held", None)
    if held:
        _prefetched(item).pop(held, None)


def _prefetched(item):
    return getattr(item, "_prefetched_objects_cache", {})


def _stored(item):
    """The stored values a save compares with: address, publication, card, links."""
    if item._state.adding or item.pk is None:
        return None
    names = {"slug", "status", "published_at", "source_revision", *item.card_fields, *_link_fields(item)}
    return type(item).objects.filter(pk=item.pk).values(*names).first()


def _link_fields(item):
    return getattr(item, "LINKED_FIELDS", ()) if registry.of(item).link_target else ()


def _previous(change):
    stored = change.stored
    if stored is None:
        return None
    public = stored["status"] == "published" and stored["published_at"] <= timezone.now()
    return redirects.Previous(stored["slug"], public)


def _card_before(change):
    if change.stored is None:
        return None
    return tuple(change.stored[name] for name in change.item.card_fields)


# What a translation's page shows of its source: whether it changed since, and where.
SHOWN_ON_TRANSLATIONS = ("source_revision", "slug", "status", "published_at")


def _translations_follow(change):
    if change.stored is None or not languages.is_multilingual():
        return False
    if not languages.is_source(change.item.language):
        return False
    return any(change.stored[name] != getattr(change.item, name) for name in SHOWN_ON_TRANSLATIONS)


def _link_changed(change):
    fields = _link_fields(change.item)
    if change.stored is None:
        return True
    return any(change.stored[name] != getattr(change.item, name) for name in fields)


# --- Changes that do not pass through save() ----------------------------------


def install():
    """Receive every save (content.hooks) and connect the model signals (ready())."""
    hooks.install(_Receiver())
    pre_delete.connect(_before_delete, dispatch_uid="lifecycle-pre-delete")
    post_delete.connect(_after_delete, dispatch_uid="lifecycle-post-delete")
    post_save.connect(_row_saved, dispatch_uid="lifecycle-post-save")
    m2m_changed.connect(_relation_changed, dispatch_uid="lifecycle-m2m")


class _Receiver:
    prepare = staticmethod(prepare)
    saved = staticmethod(saved)


def _kind_of(model):
    return next((kind for kind in registry.kinds() if kind.model is model), None)


def _content_row(model):
    """A row of a content app that is not an item: an alias, a tag, an author.
    Revisions (simple_history's Historical* models) show on no public page."""
    return (
        model._meta.app_label in registry.app_labels()
        and _kind_of(model) is None
        and not hasattr(model, "instance_type")
    )


def _before_delete(sender, instance, **kwargs):
    kind = _kind_of(sender)
    if kind is not None and kind.link_target:
        # Named before the delete removes the mention rows; relinked by the worker.
        relinking.relink_after_delete(instance)


def _after_delete(sender, instance, origin=None, **kwargs):
    kind = _kind_of(sender)
    if kind is not None:
        indexing.remove(instance)
        redirects.after_delete(instance)
        invalidation.item_deleted(instance)
    elif _content_row(sender):
        _row_saved(sender, instance, origin=origin)


def _row_saved(sender, instance, origin=None, **kwargs):
    if not _content_row(sender):
        return
    _announce_row(sender, instance)
    owner = _other_name_of(sender)
    if owner is not None:
        _other_name_changed(owner, sender, instance, origin)


def _announce_row(sender, instance):
    """An alias, a tag, an author...: the items it belongs to, if it says; else all."""
    for field in sender._meta.concrete_fields:
        kind = _kind_of(field.related_model) if field.is_relation and field.many_to_one else None
        if kind is not None:
            target = getattr(instance, field.attname)
            if target is not None:
                counters.changed(keys={keys.item(kind.name, target)}, lists={kind.name})
            return
    # Shown by many items in ways this cannot tell (an author's name on every
    # article of theirs): every page is rendered again.
    counters.content_changed()


def _other_name_of(model):
    """The link target kind whose other names (aliases) `model` holds, if any."""
    for kind in registry.kinds():
        if kind.link_target and kind.other_names:
            if kind.model._meta.get_field(kind.other_names).related_model is model:
                return kind
    return None


def _other_name_changed(kind, sender, instance, origin):
    """An alias added, renamed or removed: links follow the term's names.

    A bulk operation that writes aliases sets `batch` on the alias it saves."""
    if origin is not None and (
        isinstance(origin, kind.model) or getattr(origin, "model", None) is kind.model
    ):
        # Deleted with its term: relinking a term being deleted would write mention
        # rows for a row about to go.
        return
    owner_field = kind.model._meta.get_field(kind.other_names).field
    term = kind.model.objects.filter(pk=getattr(instance, owner_field.attname)).first()
    if term is None:  # the term itself is being deleted
        return
    batch = getattr(instance, "batch", None)
    # The term's page shows its aliases' effects.
    kind.model.objects.filter(pk=term.pk).update(updated_at=timezone.now())
    indexing.update_aliases(term)
    relinking.relink_after_change(term, old_names=[instance.name], batch=batch)
    # Its own body never links its own names, the new one included.
    own = {(kind.name, term.pk)}
    if batch is not None:
        batch.linking |= own
    else:
        relinking.relink(own)


def _mention_tables():
    return {getattr(kind.model, kind.mentions).through for kind in registry.kinds() if kind.mentions}


def _relation_changed(sender, instance, action, model, pk_set, reverse=False, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    kind, other = _kind_of(type(instance)), _kind_of(model)
    if kind is None and other is None:
        return
    if action == "post_clear":  # the removed rows are gone already: no telling who showed them
        counters.content_changed()
        return
    _grouping_changed(sender, instance, action, reverse, pk_set)
    changed = {keys.item(instance)} if kind is not None else set()
    if other is not None:
        changed |= {keys.item(other.name, pk) for pk in pk_set}
    # Which terms a body links shows on those items' own pages, never in lists.
    is_mentions = sender in _mention_tables()
    if is_mentions and other is not None:
        changed |= {keys.mentions(other.name, pk) for pk in pk_set}
    lists = set() if is_mentions else {known.name for known in (kind, other) if known is not None}
    if kind is None:  # e.g. a tag's articles: the tag's own list pages
        lists.add(other.name)
    counters.changed(keys=changed, lists=lists)


def _grouping_changed(sender, instance, action, reverse, pk_set):
    """A published item joined or left a group its kind declares (an article's tags):
    the pages that group by it may now list it, or stop listing it."""
    if not pk_set:
        return
    for kind in registry.kinds():
        for field_name, grouping in kind.groupings.items():
            if getattr(kind.model, field_name).through is not sender:
                continue
            if reverse:  # tag.articles.add(...): one group, these items
                published = kind.model.objects.published().filter(pk__in=pk_set).exists()
                groups = {instance.pk}
            else:
                published, groups = instance.is_published, pk_set
            if published:
                counters.changed(keys={keys.grouping(grouping, pk) for pk in groups})
