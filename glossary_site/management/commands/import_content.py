"""Create or update terms and articles, by slug, from a folder written by export_content,
or terms from one CSV file (editorial/content_csv.py).

Every file is read and checked before anything is written, then everything is
written in one transaction. Problems are all reported, one line each naming the
file, the line and the problem (with --dry-run too), and then nothing changes.
Items whose record equals the file are left alone (no new revision). Writes go
through save(), so bodies are rendered, linked and indexed as if an editor had
saved them."""

import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from glossary_site import lifecycle
from glossary_site.content import registry
from glossary_site.content.batch import Batch
from glossary_site.editorial import bulk_create, content_media
from glossary_site.editorial.content_csv import is_csv, read_csv
from glossary_site.editorial.content_io import ContentFileError, changed_fields, read_file, record_of
from glossary_site.markup import parallel
from glossary_site.search import indexing

PROGRESS_FROM = 100  # items; smaller imports need no progress line
PARALLEL_FROM = 1000  # items; smaller imports are done before helper processes would start


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
            f"{PARALLEL_FROM:,} items on, else 1).",
        )

    def handle(self, path, dry_run=False, processes=None, **options):
        if not (path.is_file() if is_csv(path) else path.is_dir()):
            raise CommandError(f"{path}: no such {'file' if is_csv(path) else 'folder'}")
        if processes is None:
            processes = os.cpu_count() or 1 if _items_at_most(path) >= PARALLEL_FROM else 1
        # The helpers that render are forked before the files are read, while this
        # process is small: they share none of its 100,000 records (parallel.Helpers).
        with parallel.Helpers(processes, start_now=not dry_run) as helpers:
            self.run(path, dry_run, helpers)

    def run(self, path, dry_run, helpers):
        files, problems = self.read_all(path)
        media = content_media.Media(content_media.folder_of(path, is_csv(path)))
        for content in files:
            media.check(content)
        if problems or media.problems:
            self.fail(problems + media.problems)
        for warning in media.warnings:
            self.stderr.write(f"Warning: {warning}")
        plan = self.plan(files)
        files.clear()  # the plan holds them now, and lets them go once written (write())
        summary = self.summary(plan, media)
        if dry_run:
            for action, content, fields in plan:
                if action != "unchanged":
                    named = f" ({', '.join(fields)})" if fields else ""
                    self.stdout.write(f"{action}: {content.label}{named}")
            self.stdout.write(f"Dry run, nothing written: {summary}.")
            return
        self.write(plan, media, helpers)
        for planned, done in {"to create": "created", "to change": "changed", "to store": "stored"}.items():
            summary = summary.replace(planned, done)
        self.stdout.write(summary + ".")

    def summary(self, plan, media):
        counts = {
            action: sum(1 for entry in plan if entry[0] == action)
            for action in ("create", "change", "unchanged")
        }
        summary = (
            f"{counts['create']} to create, {counts['change']} to change, {counts['unchanged']} unchanged"
        )
        return summary + (f"; {len(media.to_store)} media files to store" if media.to_store else "")

    def write(self, plan, media, helpers):
        """Everything in one transaction; media stored on the way are removed again
        if it fails, so nothing of a failed import stays."""
        stored = []
        try:
            # One batch: the term matcher is built once, every body linked at the end.
            batch = Batch(progress=self.linking_progress(len(plan)), helpers=helpers)
            with bulk_create.roomy_database(), transaction.atomic():
                # The new documents are indexed before the batch links the bodies,
                # which searches them for the new terms' names.
                with indexing.indexed_at_end():
                    media.store(stored)  # first: a cover is read when its article is saved
                    self.apply([entry for entry in plan if entry[0] != "unchanged"], batch)
                    # Written: the records (200 MB at 100,000 files) go before the bodies
                    # are linked, so the linking helpers are not forked with them.
                    plan.clear()
                lifecycle.finish(batch)
        except BaseException as error:
            content_media.remove(stored)
            if isinstance(error, ContentFileError):
                raise CommandError(str(error)) from None
            raise

    def linking_progress(self, items):
        """progress(done, total) of the bodies linked at the end of the batch."""
        bar = Progress(0, self.stderr if items >= PROGRESS_FROM else None, "Linking")

        def linked(done, total):
            if done == 0:  # starting: the rate counts from here
                bar.total, bar.started = total, time.monotonic()
                return
            bar.step(done - bar.count)

        return linked

    def fail(self, problems):
        """Every problem on a line of its own (`file:line: problem`), then stop.
        One problem is the error itself, so the command's output is that one line."""
        problems = sorted(problems, key=_position)
        if len(problems) == 1:
            raise CommandError(str(problems[0]))
        for problem in problems:
            self.stderr.write(str(problem))
        files = len({problem.path for problem in problems})
        where = "1 file" if files == 1 else f"{files} files"
        raise CommandError(f"{len(problems)} problems in {where}; nothing was imported.")

    # --- reading and checking ------------------------------------------------------
    def read_all(self, source):
        """(the files, or CSV rows, with a whole record; every problem of every one)."""
        if is_csv(source):
            read = [_set_body_aside(content) for content in read_csv(source)]
        else:
            read = [
                _set_body_aside(read_file(path, str(path.relative_to(source))))
                for path in sorted(source.rglob("*.md"))
            ]
        named, seen = [content for content in read if content.record is not None], {}
        for content in named:
            key = (content.record["kind"], content.record["slug"])
            if key in seen and key[1] is not None:
                other = seen[key].path if seen[key].path != content.path else seen[key].first_line
                content.problems.append(
                    content.error("slug", f"duplicate slug {key[1]!r}: {other} has it too")
                )
            seen.setdefault(key, content)
        problems = [problem for content in read for problem in content.problems]
        for kind in registry.kinds():
            problems += kind.record.check(
                [c for c in named if c.record["kind"] == kind.name], kind.model.objects
            )
        files = [content for content in named if content.whole]
        for kind in registry.kinds():
            kind.record.settle([c for c in files if c.record["kind"] == kind.name])
        return files, problems

    def plan(self, files):
        existing = {
            kind.name: kind.record.queryset(kind.model).in_bulk(
                [c.record["slug"] for c in files if c.record["kind"] == kind.name], field_name="slug"
            )
            for kind in registry.kinds()
        }
        plan = []
        for content in files:
            item = existing[content.record["kind"]].get(content.record["slug"])
            if item is None:
                plan.append(("create", content, []))
            else:
                fields = changed_fields(record_of(item), content.full_record())
                plan.append(("change" if fields else "unchanged", content, fields))
        # In the order the apps registered their kinds: terms first, as articles link
        # them and related terms must exist before linking.
        order = [kind.name for kind in registry.kinds()]
        return sorted(plan, key=lambda entry: order.index(entry[1].record["kind"]))

    # --- writing ---------------------------------------------------------------------
    def apply(self, plan, batch):
        """Items that exist are saved one by one (save(): the admin's own path); new
        ones are written in bulk, a chunk at a time, with what save() would store
        (editorial/bulk_create.py), so an import of 100,000 terms takes minutes."""
        progress = Progress(len(plan), self.stderr if len(plan) >= PROGRESS_FROM else None)
        saved, created = [], {}
        # In the order the apps registered their kinds: articles link terms. Changes first:
        # an alias moved from an existing term to a new one is free when the new one comes.
        for kind in registry.kinds():
            for action, content, _ in plan:
                if action == "change" and content.record["kind"] == kind.name:
                    try:
                        saved.append((self.write_item(content, batch), content))
                    except (DatabaseError, ValueError) as error:
                        raise content.error("slug", f"cannot be saved ({error})") from None
                    progress.step()
            new = [
                content
                for action, content, _ in plan
                if action == "create" and content.record["kind"] == kind.name
            ]
            try:
                created[kind.name] = bulk_create.create(kind, new, batch, progress)
            except (DatabaseError, ValueError) as error:
                raise CommandError(
                    f"The new {kind.folder} cannot be saved ({error}); nothing was imported."
                ) from None
        for item, content in saved:
            registry.of(item).record.link(item, content.record)
        for kind in registry.kinds():
            records = [
                content.record
                for action, content, _ in plan
                if action == "create" and content.record["kind"] == kind.name
            ]
            kind.record.link_created(kind.model, created[kind.name], records)
        self.stamp_updated_at(plan, created)
        progress.done()

    def stamp_updated_at(self, plan, created):
        """Last, as alias signals and saves above stamp the current time."""
        for kind in registry.kinds():
            stamped = []
            for action, content, _ in plan:
                if action != "unchanged" and content.record["kind"] == kind.name and content.updated_at:
                    pk = created[kind.name].get(content.record["slug"])
                    if pk is None:
                        pk = kind.model.objects.values_list("pk", flat=True).get(slug=content.record["slug"])
                    stamped.append(kind.model(pk=pk, updated_at=content.updated_at))
            kind.model.objects.bulk_update(stamped, ["updated_at"], batch_size=500)

    def write_item(self, content, batch):
        record = content.full_record()
        kind = registry.get(record["kind"])
        item = kind.model.objects.get(slug=record["slug"])
        bulk_create.fill(item, kind, record)
        item.save(batch=batch)
        kind.record.after_save(item, record, batch)
        return item


class Progress:
    """A progress line on stderr every 5 %: done, rate and time left, for imports that
    take a while. (The links are made after the last item, in the same transaction.)"""

    def __init__(self, total, stream, doing="Importing"):
        self.total, self.stream, self.doing, self.count, self.shown = total, stream, doing, 0, -1
        self.started = time.monotonic()

    def step(self, count=1):
        self.count += count
        percent = self.count * 100 // self.total if self.total else 100
        if self.stream is not None and percent // 5 > self.shown:
            self.shown = percent // 5
            elapsed = max(time.monotonic() - self.started, 1e-6)
            rate = self.count / elapsed
            left = (self.total - self.count) / rate
            bar = "#" * (percent // 5) + "." * (20 - percent // 5)
            self.stream.write(
                f"{self.doing} [{bar}] {self.count}/{self.total} ({percent}%), "
                f"{rate:,.0f} items/s, {_duration(left)} left"
            )

    def done(self):
        if self.stream is not None:
            self.stream.write(
                f"Saved {self.count} items in {_duration(time.monotonic() - self.started)}; linking bodies"
            )
            sys.stderr.flush()


def _items_at_most(path):
    """At least as many as the items in the folder or CSV file (a row's body may span
    lines), found without reading them."""
    if not is_csv(path):
        return sum(1 for _ in path.rglob("*.md"))
    with path.open("rb") as file:
        return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b""))


def _set_body_aside(content):
    """Each file's body is let go of as soon as it is read: what is checked later is
    noted first, and it is read again when it is written (ContentFile.body())."""
    if content.record is not None:
        content.set_body_aside(content_media.body_uses(content.record["body"]))
    return content


def _duration(seconds):
    seconds = int(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _position(problem):
    """Problems in file order, then line (or CSV row) order."""
    number = str(problem.line).rsplit(" ", 1)[-1]
    return str(problem.path), int(number) if number.isdigit() else 0
