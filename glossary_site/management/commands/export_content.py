"""Write every term and article to DIR as Markdown files with YAML front matter,
or every term to one CSV file when the path ends in .csv.

DIR/terms/<slug>.md and DIR/articles/<slug>.md (format: glossary_site/exchange/files.py).
The two folders are made a mirror of the site: other .md files in them are removed,
so a file never outlives its item. A CSV file (exchange/spreadsheet.py) holds the
terms only. The uploaded images bodies and covers use are copied into `media/`
(exchange/media.py). `import_content DIR` (or `FILE.csv`) reads them back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glossary_site.exchange import export


class Command(BaseCommand):
    help = (
        "Export every term and article as Markdown files with YAML front matter into a folder, "
        "or every term into one CSV file (a path ending in .csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A folder, or a file ending in .csv")

    def handle(self, path, **options):
        try:
            counts, missing = export.write(path)
        except OSError as error:
            raise CommandError(f"Cannot write to {path}: {error}") from None
        except ValueError as error:
            raise CommandError(f"Cannot export to CSV: {error}; export to a folder instead") from None
        for name in missing:
            self.stderr.write(f"Not in the media storage, left out: {name}")
        self.stdout.write(f"Exported {' and '.join(counts)} to {path}")
