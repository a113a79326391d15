"""Create or update terms and articles, by slug, from a folder written by export_content.

Every file is read and checked before anything is written, then everything is
written in one transaction: a bad file stops the import with one line naming the
file, the line and the problem, and nothing changes. Items whose record equals the
file are left alone (no new revision). Writes go through save(), so bodies are
rendered, linked and indexed as if an editor had saved them."""

import sys
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles.models import Article, Author, Tag
from glossary_site.editorial.content_io import ContentFileError, read_file, record_of
from terms.models import Term, TermAlias

PROGRESS_FROM = 100  # items; smaller imports need no progress line


class Command(BaseCommand):
    help = "Import terms and articles from Markdown files with YAML front matter (create or update by slug)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print what would be created, changed or left."
        )

    def handle(self, directory, dry_run=False, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such folder")
        try:
            files = self.read_all(directory)
            plan = self.plan(files)
        except ContentFileError as error:
            raise CommandError(str(error)) from None
        if dry_run:
            for action, content in plan:
                self.stdout.write(
                    f"{action}: {content.record['kind']} {content.record['slug']} ({content.path})"
                )
        counts = {
            action: sum(1 for a, _ in plan if a == action) for action in ("create", "change", "unchanged")
        }
        summary = (
            f"{counts['create']} to create, {counts['change']} to change, {counts['unchanged']} unchanged"
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}.")
            return
        try:
            with transaction.atomic():
                self.apply([item for item in plan if item[0] != "unchanged"])
        except ContentFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(summary.replace("to create", "created").replace("to change", "changed") + ".")

    # --- reading and checking ------------------------------------------------------
    def read_all(self, directory):
        files, seen = [], {}
        for path in sorted(directory.rglob("*.md")):
            content = read_file(path)
            key = (content.record["kind"], content.record["slug"])
            if key in seen:
                raise content.error("slug", f"duplicate slug {key[1]!r}: {seen[key]} has it too")
            seen[key] = path
            files.append(content)
        known_terms = {slug for kind, slug in seen if kind == "term"}
        missing = [c for c in files if c.record["kind"] == "term" and set(c.record["related"]) - known_terms]
        if missing:
            known_terms |= set(Term.objects.values_list("slug", flat=True))
        for content in missing:
            unknown = sorted(set(content.record["related"]) - known_terms)
            if unknown:
                raise content.error("related", f"unknown related term {', '.join(unknown)}")
        for content in files:
            cover = content.record.get("cover")
            if cover and not default_storage.exists(cover):
                raise content.error(
                    "cover", f"cover image {cover} is not in the media storage (copy it first)"
                )
        return files

    def plan(self, files):
        existing = {
            "term": Term.objects.prefetch_related("aliases", "related").in_bulk(
                [c.record["slug"] for c in files if c.record["kind"] == "term"], field_name="slug"
            ),
            "article": Article.objects.select_related("author")
            .prefetch_related("tags")
            .in_bulk([c.record["slug"] for c in files if c.record["kind"] == "article"], field_name="slug"),
        }
        plan = []
        for content in files:
            item = existing[content.record["kind"]].get(content.record["slug"])
            if item is None:
                plan.append(("create", content))
            else:
                plan.append(("unchanged" if record_of(item) == content.record else "change", content))
        # Terms first: articles link them, and related terms must exist before linking.
        return sorted(plan, key=lambda entry: entry[1].record["kind"] != "term")

    # --- writing ---------------------------------------------------------------------
    def apply(self, plan):
        progress = Progress(len(plan), self.stderr if len(plan) >= PROGRESS_FROM else None)
        saved = []
        for _, content in plan:
            try:
                saved.append((self.write_item(content), content))
            except (DatabaseError, ValueError) as error:
                raise content.error("slug", f"cannot be saved ({error})") from None
            progress.step()
        for item, content in saved:
            if content.record["kind"] == "term":
                item.related.set(Term.objects.filter(slug__in=content.record["related"]))
        # Last, as alias signals and saves above stamp the current time.
        for item, content in saved:
            if content.updated_at is not None:
                type(item).objects.filter(pk=item.pk).update(updated_at=content.updated_at)
        progress.done()

    def write_item(self, content):
        record = content.record
        model = Term if record["kind"] == "term" else Article
        item = model.objects.filter(slug=record["slug"]).first() or model(slug=record["slug"])
        for name in ("title", "summary", "status", "published_at", "body"):
            setattr(item, name, record[name])
        if model is Article:
            item.author = self.author(record["author"])
            item.cover_alt = record["cover_alt"]
            if item.cover.name != record["cover"]:
                item.cover = record["cover"] or None
        item.save()
        if model is Term:
            self.set_aliases(item, record["aliases"])
        else:
            item.tags.set([self.tag(name, slug) for name, slug in record["tags"]])
        return item

    def set_aliases(self, term, pairs):
        wanted = {slug: name for name, slug in pairs}
        term.aliases.exclude(slug__in=wanted).delete()
        current = {alias.slug: alias for alias in term.aliases.all()}
        for slug, name in wanted.items():
            alias = current.get(slug)
            if alias is None:
                TermAlias.objects.create(term=term, name=name, slug=slug)
            elif alias.name != name:
                alias.name = name
                alias.save()

    def author(self, name_slug_bio):
        if name_slug_bio is None:
            return None
        name, slug, bio = name_slug_bio
        author, created = Author.objects.get_or_create(slug=slug, defaults={"name": name, "bio": bio})
        if not created and (author.name, author.bio) != (name, bio):
            author.name, author.bio = name, bio
            author.save()
        return author

    def tag(self, name, slug):
        tag, created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if not created and tag.name != name:
            tag.name = name
            tag.save()
        return tag


class Progress:
    """A plain progress line on stderr every 5 %, for imports that take a while."""

    def __init__(self, total, stream):
        self.total, self.stream, self.count, self.shown = total, stream, 0, -1

    def step(self):
        self.count += 1
        percent = self.count * 100 // self.total if self.total else 100
        if self.stream is not None and percent // 5 > self.shown:
            self.shown = percent // 5
            self.stream.write(f"Importing: {self.count}/{self.total} ({percent}%)")

    def done(self):
        if self.stream is not None:
            sys.stderr.flush()
