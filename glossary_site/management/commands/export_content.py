"""Write every term and article to DIR as Markdown files with YAML front matter.

DIR/terms/<slug>.md and DIR/articles/<slug>.md (format: glossary_site/editorial/content_io.py).
The two folders are made a mirror of the site: other .md files in them are removed,
so a file never outlives its item. `import_content DIR` reads them back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glossary_site.content import registry
from glossary_site.editorial.content_io import file_name, file_text, record_of


class Command(BaseCommand):
    help = "Export every term and article as Markdown files with YAML front matter."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, directory, **options):
        kinds = registry.kinds()
        items = [item for kind in kinds for item in kind.record.queryset(kind.model).order_by("slug")]
        written = set()
        try:
            for item in items:
                record = record_of(item)
                path = directory / file_name(record)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(file_text(record, item.updated_at), encoding="utf-8", newline="")
                written.add(path)
            for kind in kinds:
                for stale in (directory / kind.folder).glob("*.md"):
                    if stale not in written:
                        stale.unlink()
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error}") from None
        counts = [f"{sum(isinstance(item, kind.model) for item in items)} {kind.folder}" for kind in kinds]
        self.stdout.write(f"Exported {' and '.join(counts)} to {directory}")
