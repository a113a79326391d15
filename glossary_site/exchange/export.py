"""Writing every item to a folder of content files, or the terms to one CSV file."""

from glossary_site.content import languages, registry

from . import media
from .files import file_name, file_text
from .records import queryset, record_of
from .spreadsheet import csv_kind, is_csv, write_csv


def write(path):
    """Export to path (a folder, or a file ending in .csv). Returns (["N terms", ...],
    the names of media files not in storage, left out). Raises OSError, or ValueError
    for what a CSV file cannot hold."""
    kinds = [csv_kind()] if is_csv(path) else registry.kinds()
    codes = languages.site_languages()
    items = [
        item
        for kind in kinds
        for item in sorted(queryset(kind).order_by("slug"), key=lambda item: codes.index(item.language))
    ]
    records = [record_of(item) for item in items]
    if is_csv(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_csv(path, records)
    else:
        _write_folder(path, kinds, items, records)
    missing = media.export(records, media.folder_of(path, is_csv(path)))
    counts = [f"{sum(isinstance(item, kind.model) for item in items)} {kind.folder}" for kind in kinds]
    return counts, missing


def _write_folder(directory, kinds, items, records):
    """One file per item; other .md files in the kinds' folders (those of each language
    too, <language>/terms/) are removed, so a file never outlives its item."""
    written = set()
    for item, record in zip(items, records, strict=True):
        path = directory / file_name(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file_text(record, item.updated_at), encoding="utf-8", newline="")
        written.add(path)
    for kind in kinds:
        for folder in [directory, *(directory / code for code in languages.site_languages())]:
            for stale in (folder / kind.folder).glob("*.md"):
                if stale not in written:
                    stale.unlink()
