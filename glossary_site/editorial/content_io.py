"""The content file format of export_content and import_content.

One Markdown file per term or article: a YAML front matter block between `---`
lines, then the body exactly as stored. A record is the comparable form of an item
(plain values, lists sorted), the same whether read from the database or a file,
so "unchanged" is simply equality.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import yaml
from django.utils import timezone
from django.utils.text import slugify

KINDS = ("term", "article")
STATUSES = ("draft", "published")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
KEY_LINE_RE = re.compile(r"^([A-Za-z_]+)\s*:")
LIMITS = {"title": 200, "slug": 200, "summary": 300}


class ContentFileError(Exception):
    """A file that cannot be imported: one message naming the file, the line and the problem."""

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = path, line, problem
        super().__init__(f"{path}:{line}: {problem}")


# --- database -> record -> file ---------------------------------------------------
def record_of(item):
    """The comparable record of a Term or an Article."""
    record = {
        "kind": "term" if item._meta.model_name == "term" else "article",
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "status": item.status,
        "published_at": item.published_at,
        "body": item.body,
    }
    if record["kind"] == "term":
        record["aliases"] = sorted((alias.name, alias.slug) for alias in item.aliases.all())
        record["related"] = sorted(term.slug for term in item.related.all())
    else:
        author = item.author
        record["author"] = (author.name, author.slug, author.bio) if author else None
        record["tags"] = sorted((tag.name, tag.slug) for tag in item.tags.all())
        record["cover"] = item.cover.name or ""
        record["cover_alt"] = item.cover_alt
    return record


def front_matter(record, updated_at=None):
    """The YAML-friendly form of a record (without the body), in a stable key order."""
    data = {key: record[key] for key in ("kind", "title", "slug", "summary", "status")}
    data["published_at"] = record["published_at"].isoformat()
    if updated_at is not None:
        data["updated_at"] = updated_at.isoformat()
    if record["kind"] == "term":
        data["aliases"] = [{"name": name, "slug": slug} for name, slug in record["aliases"]]
        data["related"] = list(record["related"])
    else:
        name_slug_bio = record["author"]
        data["author"] = (
            dict(zip(("name", "slug", "bio"), name_slug_bio, strict=True)) if name_slug_bio else None
        )
        data["tags"] = [{"name": name, "slug": slug} for name, slug in record["tags"]]
        data["cover"] = record["cover"]
        data["cover_alt"] = record["cover_alt"]
    return data


def file_text(record, updated_at=None):
    meta = yaml.safe_dump(front_matter(record, updated_at), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{meta}---\n{record['body']}"


def file_name(record):
    return Path(f"{record['kind']}s") / f"{record['slug']}.md"


# --- file -> record ---------------------------------------------------------------
@dataclass
class ContentFile:
    path: Path
    record: dict
    updated_at: datetime | None
    key_lines: dict = field(default_factory=dict)

    def line(self, key):
        return self.key_lines.get(key, 1)

    def error(self, key, problem):
        return ContentFileError(self.path, self.line(key), problem)


def read_file(path):
    """Parse and check one content file; raise ContentFileError on the first problem."""
    try:
        text = path.read_text(encoding="utf-8", newline="")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentFileError(path, 1, f"cannot be read ({error})") from None
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        raise ContentFileError(path, 1, "no front matter: the file must start with a '---' line")
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].rstrip("\r") == "---")
    except StopIteration:
        raise ContentFileError(path, 1, "the front matter block is not closed by a '---' line") from None
    meta_text = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(meta_text)
    except yaml.YAMLError as error:
        # Marks count from 0 within the block, which starts on the file's line 2.
        mark, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
        problem = f"bad YAML ({getattr(error, 'problem', None) or error}"
        if context is not None and mark is not None and context.line != mark.line:
            problem += f"; {error.context} on line {context.line + 2}"
        raise ContentFileError(path, mark.line + 2 if mark else 2, problem + ")") from None
    if not isinstance(meta, dict):
        raise ContentFileError(path, 2, "the front matter must be 'key: value' lines")
    key_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        match = KEY_LINE_RE.match(line)
        if match:
            key_lines.setdefault(match.group(1), number)
    body = "\n".join(lines[end + 1 :])
    content = ContentFile(path, {}, None, key_lines)
    content.record = _record(content, meta, body)
    content.updated_at = _moment(content, meta, "updated_at") if meta.get("updated_at") else None
    return content


def _text(content, meta, key, required=False):
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


def _slug(content, value, key):
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise content.error(key, f"bad slug {value!r} (use lowercase letters, digits and hyphens)")
    return value


def _moment(content, meta, key):
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


def _pairs(content, meta, key):
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
        pairs.append((str(item["name"]), _slug(content, item.get("slug") or slugify(item["name"]), key)))
    return sorted(pairs)


def _author(content, meta):
    author = meta.get("author")
    if not author:
        return None
    if isinstance(author, str):
        author = {"name": author}
    if not isinstance(author, dict) or not str(author.get("name") or "").strip():
        raise content.error("author", "author needs a name")
    slug = _slug(content, author.get("slug") or slugify(author["name"]), "author")
    return (str(author["name"]), slug, str(author.get("bio") or ""))


def _record(content, meta, body):
    kind = meta.get("kind")
    if kind not in KINDS:
        raise content.error("kind", f"kind must be 'term' or 'article', not {kind!r}")
    status = meta.get("status") or "draft"
    if status not in STATUSES:
        raise content.error("status", f"status must be 'draft' or 'published', not {status!r}")
    if "published_at" not in meta:
        raise content.error("published_at", "missing published_at")
    record = {
        "kind": kind,
        "title": _text(content, meta, "title", required=True),
        "slug": _slug(content, meta.get("slug"), "slug"),
        "summary": _text(content, meta, "summary"),
        "status": status,
        "published_at": _moment(content, meta, "published_at"),
        "body": body,
    }
    if kind == "term":
        record["aliases"] = _pairs(content, meta, "aliases")
        related = meta.get("related") or []
        if not isinstance(related, list):
            raise content.error("related", "related must be a list of term slugs")
        record["related"] = sorted(_slug(content, slug, "related") for slug in related)
    else:
        record["author"] = _author(content, meta)
        record["tags"] = _pairs(content, meta, "tags")
        record["cover"] = _text(content, meta, "cover")
        record["cover_alt"] = _text(content, meta, "cover_alt")
    return record
