"""Write every term and article to DIR as Markdown files with YAML front matter.

DIR/terms/<slug>.md and DIR/articles/<slug>.md (format: glossary_site/editorial/content_io.py).
The two folders are made a mirror of the site: other .md files in them are removed,
so a file never outlives its item. `import_content DIR` reads them back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from glossary_site.editorial.content_io import file_name, file_text, record_of
from terms.models import Term


class Command(BaseCommand):
    help = "Export every term and article as Markdown files with YAML front matter."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, directory, **options):
        items = [
            *Term.objects.prefetch_related("aliases", "related").order_by("slug"),
            *Article.objects.select_related("author").prefetch_related("tags").order_by("slug"),
        ]
        written = set()
        try:
            for item in items:
                record = record_of(item)
                path = directory / file_name(record)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(file_text(record, item.updated_at), encoding="utf-8", newline="")
                written.add(path)
            for folder in ("terms", "articles"):
                for stale in (directory / folder).glob("*.md"):
                    if stale not in written:
                        stale.unlink()
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error}") from None
        terms = sum(1 for item in items if isinstance(item, Term))
        self.stdout.write(f"Exported {terms} terms and {len(items) - terms} articles to {directory}")
