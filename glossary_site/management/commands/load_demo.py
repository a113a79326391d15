"""Load the demo glossary and blog from glossary_site/demo/ (idempotent).

The demo is a folder in the content file format (as export_content writes it), read,
checked and written by the import's own plan and apply (glossary_site/exchange/),
keeping only the items whose slug the site lacks: running this on every `make run`
never doubles anything and never overwrites an editor's changes.

The translations (de/ and ja/ folders) are loaded for the languages in
SITE_LANGUAGES and left out for the others. One of them is shown out of date:
when the demo creates the German translation of OUT_OF_DATE's English source,
that source is given one more revision, as an English edit made after the
translation would give it (a revision count is the site's own, not a file's).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from glossary_site.content import languages, registry
from glossary_site.exchange import apply, plan
from glossary_site.serving.db import refresh_planner_statistics

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
OUT_OF_DATE = ("term", "de", "http")  # kind, language, slug of the translation


class Command(BaseCommand):
    help = "Load the demo terms and articles; existing slugs are left untouched."

    def handle(self, *args, **options):
        try:
            checked = plan.check(DEMO_DIR, only_new=True, site_languages_only=True)
        except plan.Problems as problems:
            raise CommandError(problems.report()) from None
        planned = plan.plan(checked)
        created = {kind.name: 0 for kind in registry.kinds()}
        for _, content, _ in planned.entries:
            created[content.record["kind"]] += 1
        out_of_date = [
            content.record["translation_of"]
            for _, content, _ in planned.entries
            if (content.record["kind"], content.record["language"], content.record["slug"]) == OUT_OF_DATE
        ]
        try:
            apply.write(planned)
        except apply.ImportFailed as error:
            raise CommandError(str(error)) from None
        for slug in out_of_date:
            model = registry.get(OUT_OF_DATE[0]).model
            sources = model.objects.filter(language=languages.source_language(), slug=slug)
            sources.update(source_revision=F("source_revision") + 1)
        for kind in registry.kinds():
            self.stdout.write(f"{kind.model._meta.verbose_name_plural}: {created[kind.name]} created")
        refresh_planner_statistics()
