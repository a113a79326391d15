"""Load the demo glossary and blog from glossary_site/demo/ (idempotent).

The demo is a folder in the content file format (as export_content writes it), read,
checked and written by the import's own plan and apply (glossary_site/exchange/),
keeping only the items whose slug the site lacks: running this on every `make run`
never doubles anything and never overwrites an editor's changes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glossary_site.content import registry
from glossary_site.exchange import apply, plan
from glossary_site.serving.db import refresh_planner_statistics

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = "Load the demo terms and articles; existing slugs are left untouched."

    def handle(self, *args, **options):
        try:
            checked = plan.check(DEMO_DIR, only_new=True)
        except plan.Problems as problems:
            raise CommandError(problems.report()) from None
        planned = plan.plan(checked)
        created = {kind.name: 0 for kind in registry.kinds()}
        for _, content, _ in planned.entries:
            created[content.record["kind"]] += 1
        try:
            apply.write(planned)
        except apply.ImportFailed as error:
            raise CommandError(str(error)) from None
        for kind in registry.kinds():
            self.stdout.write(f"{kind.model._meta.verbose_name_plural}: {created[kind.name]} created")
        refresh_planner_statistics()
