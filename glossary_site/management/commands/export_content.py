"""Write every term and article to DIR as Markdown files with YAML front matter,
or every term to one CSV file when the path ends in .csv.

DIR/terms/<slug>.md and DIR/articles/<slug>.md (format: glossary_site/editorial/content_io.py).
The two folders are made a mirror of the site: other .md files in them are removed,
so a file never outlives its item. A CSV file (editorial/content_csv.py) holds the
terms only. The uploaded images bodies and covers use are copied into `media/`
(editorial/content_media.py). `import_content DIR` (or `FILE.csv`) reads them back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glossary_site.content import registry
from glossary_site.editorial import content_media
from glossary_site.editorial.content_csv import csv_kind, is_csv, write_csv
from glossary_site.editorial.content_io import file_name, file_text, record_of


class Command(BaseCommand):
    help = (
        "Export every term and article as Markdown files with YAML front matter into a folder, "
        "or every term into one CSV file (a path ending in .csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A folder, or a file ending in .csv")

    def handle(self, path, **options):
        kinds = [csv_kind()] if is_csv(path) else registry.kinds()
        items = [item for kind in kinds for item in kind.record.queryset(kind.model).order_by("slug")]
        records = [record_of(item) for item in items]
        try:
            if is_csv(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                write_csv(path, records)
            else:
                self.write_folder(path, kinds, items, records)
            missing = content_media.export(records, content_media.folder_of(path, is_csv(path)))
        except OSError as error:
            raise CommandError(f"Cannot write to {path}: {error}") from None
        except ValueError as error:
            raise CommandError(f"Cannot export to CSV: {error}; export to a folder instead") from None
        counts = [f"{sum(isinstance(item, kind.model) for item in items)} {kind.folder}" for kind in kinds]
        for name in missing:
            self.stderr.write(f"Not in the media storage, left out: {name}")
        self.stdout.write(f"Exported {' and '.join(counts)} to {path}")

    def write_folder(self, directory, kinds, items, records):
        written = set()
        for item, record in zip(items, records, strict=True):
            path = directory / file_name(record)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(file_text(record, item.updated_at), encoding="utf-8", newline="")
            written.add(path)
        for kind in kinds:
            for stale in (directory / kind.folder).glob("*.md"):
                if stale not in written:
                    stale.unlink()
