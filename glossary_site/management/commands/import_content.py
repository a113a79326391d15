"""Create or update terms and articles, by slug, from a folder written by export_content,
or terms from one CSV file: the arguments and the report of glossary_site/exchange/
(plan.py reads, checks and plans; apply.py writes in one transaction)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glossary_site.exchange import apply, plan
from glossary_site.exchange.spreadsheet import is_csv
from glossary_site.markup import parallel


class Command(BaseCommand):
    help = (
        "Import terms and articles from Markdown files with YAML front matter, or terms from a CSV "
        "file (create or update by slug)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="A folder written by export_content, or a CSV file (ending in .csv)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print what would be created, changed or left."
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="Processes that render and link bodies (default: one per core from "
            f"{plan.PARALLEL_FROM:,} items on, else 1).",
        )

    def handle(self, path, dry_run=False, processes=None, **options):
        if not (path.is_file() if is_csv(path) else path.is_dir()):
            raise CommandError(f"{path}: no such {'file' if is_csv(path) else 'folder'}")
        if processes is None:
            processes = plan.default_processes(path)
        # The helpers that render are forked before the files are read, while this
        # process is small: they share none of its 100,000 records (parallel.Helpers).
        with parallel.Helpers(processes, start_now=not dry_run) as helpers:
            self.run(path, dry_run, helpers)

    def run(self, path, dry_run, helpers):
        try:
            checked = plan.check(path)
        except plan.Problems as problems:
            raise self.failed(problems) from None
        planned = plan.plan(checked)
        if dry_run:
            # The report: what the import leaves out, then what it would write.
            for line in [*map(str, checked.warnings), *planned.lines()]:
                self.stdout.write(line)
            self.stdout.write(f"Dry run, nothing written: {planned.summary()}.")
            return
        for warning in checked.warnings:
            self.stderr.write(f"Warning: {warning}")
        try:
            apply.write(planned, self.stderr, helpers)
        except apply.ImportFailed as error:
            raise CommandError(str(error)) from None
        self.stdout.write(planned.summary(done=True) + ".")

    def failed(self, problems):
        """Every problem on a line of its own (`file:line: problem`), then the error.
        One problem is the error itself, so the command's output is that one line."""
        if len(problems.errors) == 1:
            return CommandError(str(problems.errors[0]))
        for error in problems.errors:
            self.stderr.write(str(error))
        return CommandError(str(problems))
