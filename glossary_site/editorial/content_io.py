"""The content file format of export_content and import_content.

One Markdown file per term or article: a YAML front matter block between `---`
lines, then the body exactly as stored. A record is the comparable form of an item
(plain values, lists sorted), the same whether read from the database or a file,
so "unchanged" is simply equality.
"""

import hashlib
import re
import sys
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import yaml
from django.utils import timezone
from django.utils.text import slugify

from glossary_site.content import registry

STATUSES = ("draft", "published")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
KEY_LINE_RE = re.compile(r"^([A-Za-z_]+)\s*:")
LIMITS = {"title": 200, "slug": 200, "summary": 300}


class ContentFileError(Exception):
    """A file that cannot be imported: one message naming the file, the line and the problem."""

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{path}:{line}: {problem}")


class RecordFormat:
    """What one kind adds to the common record; each app gives its kind one
    (content.registry). The defaults add nothing."""

    def queryset(self, model):
        """The items to export or compare, with what record() reads fetched along."""
        return model.objects.all()

    def record(self, item):
        """The kind's own fields of an item's record (db -> record)."""
        return {}

    def front_matter(self, record):
        """Those fields, YAML-friendly (record -> file)."""
        return {}

    def parse(self, content, meta):
        """Those fields from a file's front matter, checked (file -> record); read each
        through content.checked(), so every problem of a file is reported."""
        return {}

    # The kind's own columns in a CSV file (content_csv.py), each a list of entries
    # unless named in csv_text_columns (one value a cell); None: no CSV form.
    csv_columns = None
    csv_text_columns = ()
    # Record keys a file may leave out (None in its record): an item keeps its own
    # value, a new one gets the model's default. Files written before a field
    # existed stay importable without undoing what editors set since.
    optional = ()

    def csv_cells(self, record):
        """{column: [entries] or text} of the kind's CSV columns (record -> CSV row)."""
        return {}

    def csv_meta(self, cells):
        """Front matter values from {column: [entries] or text} of the columns the file
        has, for parse() (CSV row -> record)."""
        return {}

    def check(self, files, database):
        """Problems only the whole import shows (a reference to an unknown item):
        yield a ContentFileError for each. Files with problems of their own are
        among `files`, so they count as known; their fields with a problem are None."""
        return ()

    def media(self, record):
        """{record key: name in storage} of the uploaded files the kind's own fields
        use (bodies' images are found by content_media)."""
        return {}

    def settle(self, files):
        """Make what the files say together agree before they are compared with the
        site (a symmetric relation listed in only one of its two files)."""

    def before_save(self, item, record):
        """Copy the kind's own values onto the item before it is saved."""

    def after_save(self, item, record, batch=None):
        """Relations that need the saved item (its aliases, its tags)."""

    def after_create(self, items, records):
        """after_save() for items just created in bulk (editorial/bulk_create.py); a kind
        with many items does it in a few queries."""
        for item, record in zip(items, records, strict=True):
            self.after_save(item, record)

    def link(self, item, record):
        """Relations to other imported items, once every item is saved."""

    def link_created(self, model, created, records):
        """link() for the items created in bulk ({slug: id}), once every item is saved."""
        for record in records:
            self.link(model.objects.get(pk=created[record["slug"]]), record)

    def demo(self, item, fields, demo_dir, batch=None):
        """The kind's own `key: value` lines of a demo file, for a newly created item."""


# --- database -> record -> file ---------------------------------------------------
def record_of(item):
    """The comparable record of an item of any registered kind."""
    kind = registry.of(item)
    record = {
        "kind": kind.name,
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "status": item.status,
        "published_at": item.published_at,
        "body": item.body,
    }
    return {**record, **kind.record.record(item)}


def front_matter(record, updated_at=None):
    """The YAML-friendly form of a record (without the body), in a stable key order."""
    data = {key: record[key] for key in ("kind", "title", "slug", "summary", "status")}
    data["published_at"] = record["published_at"].isoformat()
    if updated_at is not None:
        data["updated_at"] = updated_at.isoformat()
    return {**data, **registry.get(record["kind"]).record.front_matter(record)}


def changed_fields(stored, record):
    """The names of the fields a file changes, in record order. A draft's file may
    leave published_at out (None), and any file the kind's optional fields: the item
    keeps its own."""
    optional = {"published_at", *registry.get(record["kind"]).record.optional}
    return [
        key
        for key, value in record.items()
        if stored.get(key) != value and not (key in optional and value is None)
    ]


def file_text(record, updated_at=None):
    meta = yaml.safe_dump(front_matter(record, updated_at), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{meta}---\n{record['body']}"


def file_name(record):
    return Path(registry.get(record["kind"]).folder) / f"{record['slug']}.md"


# --- file -> record ---------------------------------------------------------------
@dataclass(slots=True)  # an import holds 100,000 of them from the check to the end
class ContentFile:
    """One item as a file gives it. `problems` holds everything wrong with it: a
    file reports all its problems, not only the first. `record` holds None for a
    field with a problem (and is None without a kind): it is whole only when
    there are no problems."""

    path: Path | str  # a str for a Markdown file: a Path caches its parts, 1 KB each
    record: dict | None = None
    updated_at: datetime | None = None
    key_lines: dict = field(default_factory=dict)
    first_line: int | str = 1  # where a problem with no line of its own points
    problems: list = field(default_factory=list)
    label: str = ""  # how plan lines name it: a path in the folder, or a CSV row
    # Where the body starts in the file (characters), so it can be set aside once
    # checked and read again when it is written (set_body_aside()); None for a CSV row.
    body_at: int | None = None
    body_digest: bytes | None = None
    body_uses: dict | None = None  # the media files the body uses, noted when set aside
    body_packed: bytes | None = None  # a CSV row's body, compressed, once set aside

    @property
    def whole(self):
        return self.record is not None and not self.problems

    def set_body_aside(self, uses):
        """Let go of the body once checked: 100,000 bodies are 400 MB, and an import
        needs only a chunk of them at a time (body()). `uses`: what the body uses
        from the media storage (content_media), the one thing checked later."""
        self.body_uses = uses
        if self.record is None or self.record["body"] is None:
            return
        if self.body_at is not None:
            self.body_digest = _digest(self.record["body"])
        else:
            # A CSV row: no file of its own to read it from again, so it is kept
            # compressed (the 100,000-term CSV import: 1,063 MB at its peak before, 950 after).
            self.body_packed = zlib.compress(self.record["body"].encode(), 1)
        self.record["body"] = None

    def body(self):
        """The body, read again from the file if it was set aside. A file changed
        since it was checked stops the import (nothing is written)."""
        if self.record["body"] is not None:
            return self.record["body"]
        if self.body_packed is not None:
            return zlib.decompress(self.body_packed).decode()
        try:
            body = _read_text(Path(self.path))[self.body_at :]
        except ContentFileError as error:
            raise self.error("body", error.problem) from None
        if _digest(body) != self.body_digest:
            raise self.error("body", "changed while it was being imported (import it again)")
        return body

    def full_record(self):
        """The record with its body, read again if it was set aside."""
        return {**self.record, "body": self.body()}

    def line(self, key):
        return self.key_lines.get(key, self.first_line)

    def error(self, key, problem):
        return ContentFileError(self.path, self.line(key), problem)

    def checked(self, parse, *args):
        """parse(*args), or None with its problem noted, so reading goes on."""
        try:
            return parse(*args)
        except ContentFileError as error:
            self.problems.append(error)
            return None


def _digest(body):
    return hashlib.blake2b(body.encode(), digest_size=16).digest()


def _read_text(path):
    try:
        return path.read_text(encoding="utf-8", newline="")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentFileError(path, 1, f"cannot be read ({error})") from None


def split_front_matter(path, text=None):
    """(the lines of the front matter block, the body after it), as written: the one
    reader of `---` blocks, for content files and demo files alike. `text`: the
    file's text, if already read.

    Raises ContentFileError naming the file and line when there is no block."""
    text = _read_text(path) if text is None else text
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        raise ContentFileError(path, 1, "no front matter: the file must start with a '---' line")
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].rstrip("\r") == "---")
    except StopIteration:
        raise ContentFileError(path, 1, "the front matter block is not closed by a '---' line") from None
    return lines[1:end], "\n".join(lines[end + 1 :])


def read_file(path, label=""):
    """Parse and check one content file; what is wrong is in its `problems`."""
    content = ContentFile(str(path), label=label or str(path))
    try:
        text = _read_text(path)
        block, body = split_front_matter(path, text)
        meta = _front_matter(path, block)
    except ContentFileError as error:
        content.problems.append(error)
        return content
    content.body_at = len(text) - len(body)  # the body is the rest of the file
    for number, line in enumerate(block, start=2):
        match = KEY_LINE_RE.match(line)
        if match:
            content.key_lines.setdefault(sys.intern(match.group(1)), number)  # one "title" for all
    content.key_lines["body"] = len(block) + 3  # after the block and its two '---' lines
    content.record = read_record(content, meta, body)
    if meta.get("updated_at"):
        content.updated_at = content.checked(moment_value, content, meta, "updated_at")
    return content


# libyaml's parser when PyYAML has it: an import reads 100,000 front matters, and the
# pure-Python parser takes a millisecond each. The values are built the same way.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _front_matter(path, block):
    text = "\n".join(block)
    try:
        meta = yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        meta = None  # read again below, for the pure-Python parser's own message
    try:
        meta = yaml.safe_load(text) if meta is None else meta
    except yaml.YAMLError as error:
        # Marks count from 0 within the block, which starts on the file's line 2.
        mark, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
        problem = f"bad YAML ({getattr(error, 'problem', None) or error}"
        if context is not None and mark is not None and context.line != mark.line:
            problem += f"; {error.context} on line {context.line + 2}"
        raise ContentFileError(path, mark.line + 2 if mark else 2, problem + ")") from None
    if not isinstance(meta, dict):
        raise ContentFileError(path, 2, "the front matter must be 'key: value' lines")
    return meta


def text_value(content, meta, key, required=False):
    value = meta.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        raise content.error(key, f"{key} must be text")
    value = str(value)
    if required and not value.strip():
        raise content.error(key, f"missing {key}")
    if key in LIMITS and len(value) > LIMITS[key]:
        raise content.error(key, f"{key} is longer than {LIMITS[key]} characters")
    return value


def slug_value(content, value, key):
    if value is None or value == "":
        raise content.error(key, f"missing {key}")
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise content.error(key, f"bad slug {value!r} (use lowercase letters, digits and hyphens)")
    return value


def moment_value(content, meta, key):
    value = meta.get(key)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise content.error(key, f"bad date {value!r} (use 2024-03-19T12:00:00+00:00)") from None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(12), tzinfo=timezone.UTC)
    if not isinstance(value, datetime):
        raise content.error(key, f"bad date {value!r} (use 2024-03-19T12:00:00+00:00)")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def name_slug_pairs(content, meta, key):
    """[{name, slug}] (or plain names) -> sorted [(name, slug)]."""
    items = meta.get(key) or []
    if not isinstance(items, list):
        raise content.error(key, f"{key} must be a list")
    pairs = []
    for item in items:
        if isinstance(item, str):
            item = {"name": item, "slug": slugify(item)}
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise content.error(key, f"each of {key} needs a name")
        pairs.append((str(item["name"]), slug_value(content, item.get("slug") or slugify(item["name"]), key)))
    return sorted(pairs)


def _kind(content, meta):
    kind = meta.get("kind")
    names = [kind.name for kind in registry.kinds()]
    if kind not in names:
        expected = " or ".join(f"'{name}'" for name in names)
        raise content.error("kind", f"kind must be {expected}, not {kind!r}")
    return kind


def _status(content, meta):
    status = meta.get("status") or "draft"
    if status not in STATUSES:
        raise content.error("status", f"status must be 'draft' or 'published', not {status!r}")
    return status


def _published_at(content, meta):
    if meta.get("published_at"):
        return moment_value(content, meta, "published_at")
    if meta.get("status") in (None, "", "draft"):
        return None  # a draft may leave it out: the item keeps its own
    key = "published_at" if "published_at" in content.key_lines else "status"
    raise content.error(key, "missing published_at (only a draft may leave it out)")


def read_record(content, meta, body):
    """The record of a file's front matter (or a CSV row as a dict) and body, every
    problem noted in content.problems; a field with a problem is None."""
    kind = content.checked(_kind, content, meta)
    if kind is None:
        return None  # without a kind, its own fields cannot be read
    record = {
        "kind": kind,
        "title": content.checked(text_value, content, meta, "title", True),
        "slug": content.checked(slug_value, content, meta.get("slug"), "slug"),
        "summary": content.checked(text_value, content, meta, "summary"),
        "status": content.checked(_status, content, meta),
        "published_at": content.checked(_published_at, content, meta),
        "body": body,
    }
    return record | registry.get(kind).record.parse(content, meta)
