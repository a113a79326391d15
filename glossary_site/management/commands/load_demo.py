"""Load the demo glossary and blog from glossary_site/demo/ (idempotent).

Items are matched by slug and only created when missing, so running this on every
`make run` never doubles anything and never overwrites an editor's changes. Each
registered kind reads the folder of its name (demo/terms/, demo/articles/).
"""

from datetime import date, datetime, time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from glossary_site import lifecycle
from glossary_site.content import registry
from glossary_site.content.batch import Batch
from glossary_site.editorial.content_io import ContentFileError, split_front_matter
from glossary_site.serving.db import refresh_planner_statistics

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
REQUIRED = ("title", "slug", "summary", "published")


def parse_demo_file(path):
    """The `key: value` lines of a demo file's front matter, and its Markdown body."""
    try:
        block, body = split_front_matter(path)
    except ContentFileError as error:
        raise CommandError(str(error)) from None
    fields = {}
    for number, line in enumerate(block, start=2):
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
    fields["body"] = body.strip() + "\n"
    return fields


class Command(BaseCommand):
    help = "Load the demo terms and articles; existing slugs are left untouched."

    def handle(self, *args, **options):
        # One batch: every body linked once at the end, against every demo term.
        batch = Batch()
        with transaction.atomic():
            for kind in registry.kinds():
                created = self.load(kind, DEMO_DIR / kind.folder, batch)
                self.stdout.write(f"{kind.model._meta.verbose_name_plural}: {created} created")
            lifecycle.finish(batch)
        refresh_planner_statistics()

    def load(self, kind, folder, batch):
        created = []
        for path in sorted(folder.glob("*.md")):
            fields = parse_demo_file(path)
            if kind.model.objects.filter(slug=fields["slug"]).exists():
                continue
            item = kind.model(
                slug=fields["slug"],
                title=fields["title"],
                summary=fields["summary"],
                body=fields["body"],
                published_at=fields["published_at"],
                status=kind.model.Status.PUBLISHED,
            )
            item.save(batch=batch)
            created.append((item, fields))
        # Once every item of the kind exists, so a related term may name a later file.
        for item, fields in created:
            kind.record.demo(item, fields, DEMO_DIR, batch)
        return len(created)


def listed(value):
    """The items of a comma-separated demo front matter line."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]
