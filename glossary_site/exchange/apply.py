"""Writing a plan: everything in one transaction, or nothing.

Items that exist are saved one by one (save(): the admin's own path); new ones are
written in bulk, a chunk at a time, with what save() would store (exchange/bulk.py),
so an import of 100,000 terms takes minutes. Media files are stored first, and
removed again if the import fails, so nothing of a failed import stays.
"""

from django.db import DatabaseError

from glossary_site.content import languages, registry

from . import bulk, progress, translations
from .batching import one_batch
from .content_file import ContentFileError
from .media import remove


class ImportFailed(Exception):
    """The import could not be written; nothing of it was."""


def write(plan, stream=None, helpers=None):
    """Write the plan; `stream` shows the progress of a large import. Raises
    ImportFailed. Returns {kind name: {language: {slug: id}}} of the items created.
    helpers: the processes that render and link (markup.parallel.Helpers)."""
    stored = []
    try:
        linking = progress.linking(len(plan.entries), stream)
        with bulk.roomy_database(), one_batch(linking, helpers) as batch:
            plan.media.store(stored)  # first: a cover is read when its article is saved
            created = _apply([entry for entry in plan.entries if entry[0] != "unchanged"], stream, batch)
            # Written: the records go before the bodies are linked, so the linking
            # helpers are not forked with them.
            plan.entries.clear()
        return created
    except BaseException as error:
        remove(stored)
        if isinstance(error, ContentFileError):
            raise ImportFailed(str(error)) from None
        raise


def _apply(entries, stream, batch):
    bar = progress.Progress(len(entries), progress.shown_for(len(entries), stream))
    saved, created = [], {kind.name: {} for kind in registry.kinds()}
    # In the order the apps registered their kinds: articles link terms; within a kind the
    # source language first, as a translation takes its source's key (translations.py).
    # Changes first: an alias moved from an existing term to a new one is free when the
    # new one comes.
    for kind, language in _groups(entries):
        for _, content, _ in _of(entries, kind, language, "change"):
            try:
                saved.append((_save(content, batch), content))
            except (DatabaseError, ValueError) as error:
                raise content.error("slug", f"cannot be saved ({error})") from None
            bar.step()
        try:
            new = [c for _, c, _ in _of(entries, kind, language, "create")]
            created[kind.name][language] = bulk.create(kind, new, batch, bar)
        except (DatabaseError, ValueError) as error:
            raise ImportFailed(
                f"The new {kind.folder} cannot be saved ({error}); nothing was imported."
            ) from None
    for item, content in saved:
        registry.of(item).record.link(item, content.record)
    for kind, language in _groups(entries):
        records = [content.record for _, content, _ in _of(entries, kind, language, "create")]
        items = kind.model.objects.filter(language=language)
        kind.record.link_created(items, created[kind.name][language], records)
    _stamp_updated_at(entries, created)
    bar.done()
    return created


def _groups(entries):
    """(kind, language) of the entries, in the order they are written."""
    seen = {(content.record["kind"], content.record["language"]): None for _, content, _ in entries}
    for kind in registry.kinds():
        for language in languages.site_languages():
            if (kind.name, language) in seen:
                yield kind, language


def _of(entries, kind, language, action):
    return [
        entry
        for entry in entries
        if entry[0] == action
        and entry[1].record["kind"] == kind.name
        and entry[1].record["language"] == language
    ]


def _save(content, batch):
    record = content.full_record()
    kind = registry.get(record["kind"])
    item = kind.model.objects.get(slug=record["slug"], language=record["language"])
    bulk.fill(item, kind, record)
    translations.join(kind, [item], [record])
    item.save(batch=batch)
    kind.record.after_save(item, record, batch)
    return item


def _stamp_updated_at(entries, created):
    """Last, as alias signals and saves above stamp the current time."""
    for kind in registry.kinds():
        stamped = []
        for _, content, _ in entries:
            if content.record["kind"] == kind.name and content.updated_at:
                slug, language = content.record["slug"], content.record["language"]
                pk = created[kind.name].get(language, {}).get(slug)
                if pk is None:
                    pk = kind.model.objects.values_list("pk", flat=True).get(slug=slug, language=language)
                stamped.append(kind.model(pk=pk, updated_at=content.updated_at))
        kind.model.objects.bulk_update(stamped, ["updated_at"], batch_size=500)
