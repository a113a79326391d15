"""Reading, checking and planning an import: what it would create, change or leave.

Every file (or CSV row) is read and checked before anything is written, and every
problem is reported. The plan compares each whole record with the item of its
language and slug: items whose record equals the file are left alone (no new revision).
The kinds check their files one language at a time, each against the site's items
in that language (a German term's related terms are German terms).
"""

import os
from dataclasses import dataclass, field

from glossary_site.content import languages, registry
from glossary_site.content.limits import MarkdownTooComplex, check_limits

from . import media as media_files
from . import translations
from .files import folder_language, read_file, symbolic_links
from .records import changed_fields, queryset, record_of
from .spreadsheet import is_csv, read_csv

PARALLEL_FROM = 1000  # items; smaller imports are done before helper processes would start


class Problems(Exception):
    """Everything wrong with an import's files: nothing of it is written."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=_position)
        files = len({error.path for error in self.errors})
        where = "1 file" if files == 1 else f"{files} files"
        super().__init__(f"{len(self.errors)} problems in {where}; nothing was imported.")

    def report(self):
        """Every problem on a line of its own, then the count; one problem alone is the report."""
        if len(self.errors) == 1:
            return str(self.errors[0])
        return "\n".join([*map(str, self.errors), str(self)])


@dataclass
class Checked:
    """The whole files of an import, checked, and the media files they bring;
    `warnings`: what it leaves out or takes as it is, said in the dry run too."""

    files: list
    media: media_files.Media
    warnings: list = field(default_factory=list)


@dataclass
class Plan:
    """(action, content file, changed fields) per item, action "create", "change" or
    "unchanged", in the order the apps registered their kinds."""

    entries: list
    media: media_files.Media
    counts: dict = field(default_factory=dict)

    def lines(self):
        """A line per item the import would create or change."""
        for action, content, fields in self.entries:
            if action != "unchanged":
                named = f" ({', '.join(fields)})" if fields else ""
                yield f"{action}: {content.label}{named}"

    def summary(self, done=False):
        counts = [self.counts[action] for action in ("create", "change", "unchanged")]
        words = ("created", "changed", "stored") if done else ("to create", "to change", "to store")
        summary = f"{counts[0]} {words[0]}, {counts[1]} {words[1]}, {counts[2]} unchanged"
        stored = len(self.media.to_store)
        return summary + (f"; {stored} media files {words[2]}" if stored else "")


def default_processes(path):
    """One process per core for an import of many items, else one."""
    return os.cpu_count() or 1 if _items_at_most(path) >= PARALLEL_FROM else 1


def check(path, only_new=False, site_languages_only=False):
    """Read and check every file (or CSV row) under path, the media they use too.
    only_new: only the items whose slug the site lacks are checked and kept (the
    demo: what exists is an editor's). site_languages_only: a folder of a language
    the site does not publish in (de/ on an English-only site) is left out, not
    refused (the demo's translations). Raises Problems."""
    files, problems = read_all(path, site_languages_only)
    if only_new:
        files = _new(files)
    warnings = [warning for content in files for warning in content.warnings or ()]
    problems += _check_together(files, warnings)
    files = [content for content in files if content.whole]
    problems += translations.check(files)
    for kind, _, of_kind in _groups(files):
        kind.record.settle(of_kind)
    media = media_files.Media(media_files.folder_of(path, is_csv(path)))
    for content in files:
        media.check(content)
    if problems or media.problems:
        raise Problems(problems + media.problems)
    return Checked(files, media, sorted(warnings, key=_position) + media.warnings)


def read_all(source, site_languages_only=False):
    """(the files, or CSV rows, that name their kind; every problem of every one)."""
    if is_csv(source):
        read = [_set_body_aside(content) for content in read_csv(source)]
    else:
        links = symbolic_links(source)
        read = [
            _set_body_aside(read_file(path, str(path.relative_to(source))))
            for path in sorted(source.rglob("*.md"))
            if path not in links and not (site_languages_only and _other_language(path.relative_to(source)))
        ]
    named, seen = [content for content in read if content.record is not None], {}
    for content in named:
        key = (content.record["kind"], content.record["language"], content.record["slug"])
        if key in seen and key[2] is not None:
            other = seen[key].path if seen[key].path != content.path else seen[key].first_line
            content.problems.append(content.error("slug", f"duplicate slug {key[2]!r}: {other} has it too"))
        seen.setdefault(key, content)
    problems = [problem for content in read for problem in content.problems]
    return named, problems + ([] if is_csv(source) else list(links.values()))


def _other_language(relative):
    language = folder_language(relative)
    return language is not None and language not in languages.site_languages()


def _check_together(files, warnings):
    """What only the whole import shows (a kind's references to other items): its
    problems; what it only warns of is added to `warnings`."""
    problems = []
    for kind, language, of_kind in _groups(files):
        database = kind.model.objects.filter(language=language)
        problems += kind.record.check(of_kind, database)
        warnings += kind.record.warnings(of_kind, database)
    return problems


def _groups(files):
    """(kind, language, its files) for each kind and language the files have, the
    source language first. A file whose language has a problem counts as the source's."""
    source = languages.source_language()
    for kind in registry.kinds():
        of_kind = [c for c in files if c.record["kind"] == kind.name]
        for language in languages.site_languages():
            of_language = [c for c in of_kind if (c.record["language"] or source) == language]
            if of_language:
                yield kind, language, of_language


def _new(files):
    """The files whose item the site lacks."""
    existing = set()
    for kind, language, of_kind in _groups(files):
        items = kind.model.objects.filter(language=language, slug__in=[c.record["slug"] for c in of_kind])
        existing |= {(kind.name, language, slug) for slug in items.values_list("slug", flat=True)}
    return [c for c in files if _key(c) not in existing]


def _key(content):
    return content.record["kind"], content.record["language"], content.record["slug"]


def plan(checked):
    """The plan of checked files; it holds them from now on (checked.files is emptied)."""
    files, checked.files = checked.files, []
    existing = {}
    for kind, language, of_kind in _groups(files):
        items = queryset(kind).filter(language=language, slug__in=[c.record["slug"] for c in of_kind])
        existing |= {(kind.name, language, item.slug): item for item in items}
    entries = []
    for content in files:
        item = existing.get(_key(content))
        if item is None:
            entries.append(("create", content, []))
        else:
            fields = changed_fields(record_of(item), content.full_record())
            entries.append(("change" if fields else "unchanged", content, fields))
    # Terms first, as articles link them and related terms must exist before linking;
    # within a kind the source language first, as translations take their sources' keys.
    order = [kind.name for kind in registry.kinds()]
    codes = languages.site_languages()
    entries.sort(
        key=lambda entry: (order.index(entry[1].record["kind"]), codes.index(entry[1].record["language"]))
    )
    counts = {
        action: sum(entry[0] == action for entry in entries) for action in ("create", "change", "unchanged")
    }
    return Plan(entries, checked.media, counts)


def _items_at_most(path):
    """At least as many as the items in the folder or CSV file (a row's body may span
    lines), found without reading them."""
    if not is_csv(path):
        return sum(1 for _ in path.rglob("*.md"))
    with path.open("rb") as file:
        return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b""))


def _set_body_aside(content):
    """Each file's body is let go of as soon as it is read: what is checked later is
    noted first, and it is read again when it is written (ContentFile.body()). The
    renderer's limits are checked here, so the dry run refuses what the import would."""
    if content.record is not None and content.record["body"] is not None:
        try:
            check_limits(content.record["body"])
        except MarkdownTooComplex as error:
            content.problems.append(content.error("body", str(error)))
    if content.record is not None:
        content.set_body_aside(media_files.body_uses(content.record["body"]))
    return content


def _position(problem):
    """Problems in file order, then line (or CSV row) order."""
    number = str(problem.line).rsplit(" ", 1)[-1]
    return str(problem.path), int(number) if number.isdigit() else 0
