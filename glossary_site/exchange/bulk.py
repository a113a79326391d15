"""The new items of an import, written a thousand at a time.

A save per item costs a dozen queries and signals (the row, its revision, its
search row, its aliases, the change log): 30 ms a term, 50 minutes for 100,000.
The items an import creates are written here instead, a chunk at a time, with what
Publishable.save() stores for each inside the import's batch (exchange/batching.py): the fields a
kind makes from its own (a term's sort key), the body rendered (stored unlinked;
the batch links every body at its end against the final set of terms), its
reading time and contents, a revision, the search row and the words "did you mean"
chooses from, the old-address rows the new slug takes over, the change-log entry
every process's matcher follows, the kind's own relations (a term's aliases) and
the item's stored page (serving/pages.py), each kind of row in one statement a chunk.
Items that already exist still go through save(), one by one.
"""

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db.models import prefetch_related_objects
from simple_history.utils import bulk_create_with_history

from glossary_site.content.limits import MarkdownTooComplex
from glossary_site.markup import parallel

from . import translations
from .batching import after_bulk_create

CHUNK = 1000  # items rendered and written at a time: their bodies are held meanwhile
# SQLite's page cache for an import's one transaction (KiB; far above SQLite's default).
# The pages it changes that do not fit are spilled to the WAL, and every later change
# of a spilled page (an index filled in random order) writes it there again, so a
# large import's WAL and its cost per term grew with a small cache. Not larger: the
# linking helpers are forked with the cache in memory, and each page the importer
# changes after that is held twice (bench/README.md has the measurements).
SQLITE_CACHE_KB = 64 * 1024
FIELDS = ("title", "summary", "status", "published_at", "body")


def fill(item, kind, record):
    """Copy a record's values onto an item, new or stored, before it is written."""
    for name in FIELDS:
        # A draft's file may leave published_at out: the item keeps its own.
        if record[name] is not None:
            setattr(item, name, record[name])
    kind.record.before_save(item, record)
    item.normalise_text()  # a file's CRLF and blank ends, as save() would store them


def create(kind, contents, batch, progress=None):
    """Create the items of one kind the files (exchange.content_file.ContentFile) describe (none
    exists yet), inside the import's transaction and batch. Returns {slug: id}."""
    created, words = {}, set()
    # Two chunks at least to each 5 % of the progress line, a thousand items at most.
    size = max(1, min(CHUNK, (progress.total if progress else len(contents)) // 40))
    chunks = (contents[start : start + size] for start in range(0, len(contents), size))
    bodies = parallel.pipelined(chunks, _bodies, render_or_problem, helpers=batch.helpers)
    for chunk, rendered in bodies:  # the next chunks are rendered meanwhile, on other cores
        for content, parts in zip(chunk, rendered, strict=True):
            if isinstance(parts, MarkdownTooComplex):
                raise content.error("body", str(parts))
        records = [content.record for content in chunk]
        items = [_new_item(kind, record, parts) for record, parts in zip(records, rendered, strict=True)]
        translations.join(kind, items, records)
        bulk_create_with_history(items, kind.model, batch_size=500)
        kind.record.after_create(items, records)
        if kind.other_names:
            prefetch_related_objects(items, kind.other_names)  # for the search rows and names
        after_bulk_create(kind, items, [parts[3] for parts in rendered], words, batch)
        created.update((item.slug, item.pk) for item in items)
        for record in records:
            record["body"] = None  # written: let it go, 100,000 bodies need not stay in memory
        if progress is not None:
            progress.step(len(items))
    return created


def render_or_problem(body_and_language):
    """rendered_parts() of one (body, language), or what stops it being rendered, which
    create() reports with the file's name (a helper process does not know it)."""
    body, language = body_and_language
    try:
        return parallel.render_body(body, language)
    except MarkdownTooComplex as problem:
        return problem


def _bodies(contents):
    """The chunk's bodies, read again from their files when the chunk is handed out
    (ContentFile.body()): only the few chunks in flight hold theirs."""
    for content in contents:
        content.record["body"] = content.body()
    return [(content.record["body"], content.record["language"]) for content in contents]


def _new_item(kind, record, parts):
    item = kind.model(slug=record["slug"], language=record["language"])
    if record["source_revision"] is not None:
        item.source_revision = record["source_revision"]
    fill(item, kind, record)
    item.set_derived_fields()
    # Stored unlinked: the batch links every body at its end.
    item.body_html, item.reading_time, item.toc_html, _ = parts
    return item


@contextmanager
def roomy_database(connection=default_connection):
    """A large page cache for an import's connection (SQLite only), set back as it
    was afterwards: the connection may serve on (call_command in a shell or a test)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        before = int(cursor.execute("PRAGMA cache_size").fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")
