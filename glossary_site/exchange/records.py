"""What an item is in an import or export: its record, and what each kind adds to it.

A record is the comparable form of an item (plain values, lists sorted), the same
whether read from the database or from a file, so "unchanged" is simply equality.
The common fields are read here; each app gives its kind a RecordFormat subclass
(registered with the kind, content.registry) for its own fields and relations.
"""

from django.db.models import OuterRef, Subquery

from glossary_site.content import languages, registry
from glossary_site.content.models import editor_text


class RecordFormat:
    """What one kind adds to the common record; each app gives its kind one
    (content.registry). The defaults add nothing."""

    def queryset(self, model):
        """The items to export or compare, with what record() reads fetched along."""
        return model.objects.all()

    def record(self, item):
        """The kind's own fields of an item's record (db -> record)."""
        return {}

    def front_matter(self, record):
        """Those fields, YAML-friendly (record -> file)."""
        return {}

    def parse(self, content, meta):
        """Those fields from a file's front matter, checked (file -> record); read each
        through content.checked(), so every problem of a file is reported."""
        return {}

    # The kind's own columns in a CSV file (exchange/spreadsheet.py), each a list of entries
    # unless named in csv_text_columns (one value a cell); None: no CSV form.
    csv_columns = None
    csv_text_columns = ()
    # Record keys a file may leave out (None in its record): an item keeps its own
    # value, a new one gets the model's default. Files written before a field
    # existed stay importable without undoing what editors set since.
    optional = ()

    def csv_cells(self, record):
        """{column: [entries] or text} of the kind's CSV columns (record -> CSV row)."""
        return {}

    def csv_meta(self, cells):
        """Front matter values from {column: [entries] or text} of the columns the file
        has, for parse() (CSV row -> record)."""
        return {}

    def check(self, files, database):
        """Problems only the whole import shows (a reference to an unknown item):
        yield a ContentFileError for each. Files with problems of their own are
        among `files`, so they count as known; their fields with a problem are None."""
        return ()

    def warnings(self, files, database):
        """What the import takes although it may not be meant (the same name given
        to two items): yield a ContentFileError for each, reported, not refused."""
        return ()

    def media(self, record):
        """{record key: name in storage} of the uploaded files the kind's own fields
        use (bodies' images are found by exchange/media.py)."""
        return {}

    def settle(self, files):
        """Make what the files say together agree before they are compared with the
        site (a symmetric relation listed in only one of its two files)."""

    def before_save(self, item, record):
        """Copy the kind's own values onto the item before it is saved."""

    def after_save(self, item, record, batch=None):
        """Relations that need the saved item (its aliases, its tags); `batch`: the
        import's (content/batch.py), for rows whose changes the lifecycle follows."""

    def after_create(self, items, records):
        """after_save() for items just created in bulk (exchange/bulk.py); a kind
        with many items does it in a few queries."""
        for item, record in zip(items, records, strict=True):
            self.after_save(item, record)

    def link(self, item, record):
        """Relations to other imported items, once every item is saved."""

    def link_created(self, items, created, records):
        """link() for the items created in bulk ({slug: id}), once every item is saved.
        items: the kind's items in the records' language (a queryset)."""
        for record in records:
            self.link(items.get(pk=created[record["slug"]]), record)


def queryset(kind):
    """The kind's items as records are read from them, each translation with the slug
    of its source (`source_slug`), in the same query."""
    sources = kind.model.objects.filter(
        translation_key=OuterRef("translation_key"), language=languages.source_language()
    )
    items = kind.record.queryset(kind.model)
    if not languages.is_multilingual():
        return items
    return items.annotate(source_slug=Subquery(sources.values("slug")[:1]))


def record_of(item):
    """The comparable record of an item of any registered kind."""
    kind = registry.of(item)
    record = {
        "kind": kind.name,
        "title": item.title,
        "slug": item.slug,
        "language": item.language,
        "translation_of": _source_slug(kind, item),
        "translated_from": item.translated_from if not languages.is_source(item.language) else None,
        "source_revision": item.source_revision,
        "summary": item.summary,
        "status": item.status,
        "published_at": item.published_at,
        "body": item.body,
    }
    return {**record, **kind.record.record(item)}


def _source_slug(kind, item):
    if languages.is_source(item.language):
        return None
    if hasattr(item, "source_slug"):
        return item.source_slug
    sources = kind.model.objects.filter(translation_key=item.translation_key)
    return sources.filter(language=languages.source_language()).values_list("slug", flat=True).first()


# The site counts an item's revisions itself: a file's count only starts a new item at it.
NOT_COMPARED = ("source_revision",)


def changed_fields(stored, record):
    """The names of the fields a file changes, in record order. A draft's file may
    leave published_at out (None), a translation's its translated_from, and any file
    the kind's optional fields: the item keeps its own. Text is compared as it would
    be stored (CRLF, a final newline)."""
    optional = {"published_at", "translated_from", *registry.get(record["kind"]).record.optional}
    return [
        key
        for key, value in record.items()
        if stored.get(key) != _as_stored(value)
        and not (key in optional and value is None)
        and key not in NOT_COMPARED
    ]


def _as_stored(value):
    return editor_text(value) if isinstance(value, str) else value
