"""Load the demo glossary and blog from glossary_site/demo/ (idempotent).

Items are matched by slug and only created when missing, so running this on every
`make run` never doubles anything and never overwrites an editor's changes.
"""

from datetime import date, datetime, time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Author, Tag
from glossary_site.serving.db import refresh_planner_statistics
from terms.models import Term

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
REQUIRED = ("title", "slug", "summary", "published")


def parse_demo_file(path):
    """Split a `---` front matter block of `key: value` lines from the Markdown body."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in lines[1:]:
        raise CommandError(f"{path}:1: expected a front matter block between '---' lines")
    end = lines.index("---", 1)
    fields = {}
    for number, line in enumerate(lines[1:end], start=2):
        key, sep, value = line.partition(": ")
        if not sep:
            raise CommandError(f"{path}:{number}: expected 'key: value', got {line!r}")
        fields[key.strip()] = value.strip()
    missing = [key for key in REQUIRED if not fields.get(key)]
    if missing:
        raise CommandError(f"{path}:1: missing {', '.join(missing)}")
    try:
        day = date.fromisoformat(fields["published"])
    except ValueError:
        raise CommandError(f"{path}: bad date {fields['published']!r} (use YYYY-MM-DD)") from None
    # Noon UTC keeps the calendar date the same in every nearby time zone.
    fields["published_at"] = timezone.make_aware(datetime.combine(day, time(12)), timezone.UTC)
    fields["body"] = "\n".join(lines[end + 1 :]).strip() + "\n"
    return fields


class Command(BaseCommand):
    help = "Load the demo terms and articles; existing slugs are left untouched."

    def handle(self, *args, **options):
        with transaction.atomic():
            for model, folder in ((Term, "terms"), (Article, "articles")):
                created = self.load(model, DEMO_DIR / folder)
                self.stdout.write(f"{model._meta.verbose_name_plural}: {created} created")
        refresh_planner_statistics()

    def load(self, model, folder):
        created = 0
        for path in sorted(folder.glob("*.md")):
            fields = parse_demo_file(path)
            item, was_created = model.objects.get_or_create(
                slug=fields["slug"],
                defaults={
                    "title": fields["title"],
                    "summary": fields["summary"],
                    "body": fields["body"],
                    "published_at": fields["published_at"],
                    "status": model.Status.PUBLISHED,
                },
            )
            if was_created and model is Article:
                self.add_byline_and_tags(item, fields)
            created += was_created
        return created

    def add_byline_and_tags(self, article, fields):
        """Optional `author:` and `tags:` front matter lines of the demo articles."""
        if fields.get("author"):
            bios = dict(
                line.split(": ", 1)
                for line in (DEMO_DIR / "authors.txt").read_text(encoding="utf-8").splitlines()
                if ": " in line
            )
            name = fields["author"]
            article.author, _ = Author.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "bio": bios.get(name, "")}
            )
            article.save(update_fields=["author"])
        for name in filter(None, (tag.strip() for tag in fields.get("tags", "").split(","))):
            article.tags.add(Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0])
