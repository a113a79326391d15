"""Content files: one Markdown file per term or article, a YAML front matter block
between `---` lines, then the body exactly as stored. The format export_content
writes, import_content reads, and the demo content (glossary_site/demo/) is kept in.
"""

import re
import sys
from pathlib import Path

import yaml
from django.conf.locale import LANG_INFO

from glossary_site.content import languages, registry

from .content_file import ContentFile, ContentFileError, read_text
from .values import moment_value, read_record

KEY_LINE_RE = re.compile(r"^([A-Za-z_]+)\s*:")
NOT_A_KEY = "could not find expected ':'"  # PyYAML's words for a line without a key


# --- record -> file -----------------------------------------------------------------
def front_matter(record, updated_at=None):
    """The YAML-friendly form of a record (without the body), in a stable key order."""
    data = {key: record[key] for key in ("kind", "title", "slug")}
    data |= language_keys(record)
    data |= {key: record[key] for key in ("summary", "status")}
    data["published_at"] = record["published_at"].isoformat()
    if updated_at is not None:
        data["updated_at"] = updated_at.isoformat()
    return {**data, **registry.get(record["kind"]).record.front_matter(record)}


def file_text(record, updated_at=None):
    meta = yaml.safe_dump(front_matter(record, updated_at), sort_keys=False, allow_unicode=True, width=1000)
    body = record["body"]
    if body and not body.endswith("\n"):
        body += "\n"  # a text file ends with a newline; a stored body has none (editor_text)
    return f"---\n{meta}---\n{body}"


def language_keys(record):
    """language, and the source's revision or, for a translation, translation_of and
    translated_from: written only when the site has more than one language, so a
    one-language export is as before."""
    if not languages.is_multilingual():
        return {}
    keys = {"language": record["language"]}
    if record["translation_of"] is None:
        keys["source_revision"] = record["source_revision"]
    else:
        keys["translation_of"] = record["translation_of"]
        if record["translated_from"] is not None:
            keys["translated_from"] = record["translated_from"]
    return keys


def file_name(record):
    """terms/<slug>.md; with more than one language <language>/terms/<slug>.md."""
    name = Path(registry.get(record["kind"]).folder) / f"{record['slug']}.md"
    return record["language"] / name if languages.is_multilingual() else name


def folder_language(label):
    """The language of a file's folder, for a file at <language>/terms/<slug>.md of an
    import (label: its path in the import); None for any other place."""
    parts = Path(label).parts
    folders = {kind.folder for kind in registry.kinds()}
    if len(parts) == 3 and parts[1] in folders and parts[0].lower() in LANG_INFO:
        return parts[0].lower()
    return None


# --- file -> record ---------------------------------------------------------------
def symbolic_links(folder):
    """{path: ContentFileError} of each symbolic link under folder (a file or a
    folder): an import reads the files it was given, never what a link points at.
    The media folder's are the media check's (exchange/media.py), for the files used."""
    media = folder / "media"
    return {
        path: ContentFileError(
            path.relative_to(folder), 1, "a symbolic link: an import reads plain files only"
        )
        for path in sorted(folder.rglob("*"))
        if path.is_symlink() and not path.is_relative_to(media)
    }


def split_front_matter(path, text=None):
    """(the lines of the front matter block, the body after it), as written: the one
    reader of `---` blocks. `text`: the file's text, if already read.

    Raises ContentFileError naming the file and line when there is no block."""
    text = read_text(path) if text is None else text
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
        text = read_text(path)
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
    meta = _KeysRead(meta)
    content.record = read_record(content, meta, body, folder_language(content.label))
    if meta.get("updated_at"):
        content.updated_at = content.checked(moment_value, content, meta, "updated_at")
    if content.record is not None:
        _warn_of_dropped_keys(content, meta)
    return content


class _KeysRead(dict):
    """Front matter that notes which keys the record was read from: any other key
    is dropped by the import, and the import says so."""

    def __init__(self, meta):
        super().__init__(meta)
        self.read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def _warn_of_dropped_keys(content, meta):
    kind = content.record["kind"]
    for key in sorted(meta.keys() - meta.read, key=lambda key: (content.line(key), str(key))):
        what = f"a {kind} has no such field" if isinstance(key, str) else "not a field name"
        content.warn(key, f"{key!r} is dropped: {what}")


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
        raise _yaml_problem(path, block, error) from None
    if not isinstance(meta, dict):
        raise ContentFileError(path, 2, "the front matter must be 'key: value' lines")
    return meta


def _yaml_problem(path, block, error):
    """The YAML parser's complaint, named by the file's line: marks count from 0 within
    the block, which starts on the file's line 2."""
    mark, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    if getattr(error, "problem", None) == NOT_A_KEY and context is not None and context.line < len(block):
        # A line that is not `key: value` (the most common slip), said plainly.
        return ContentFileError(path, context.line + 2, f"expected 'key: value', got {block[context.line]!r}")
    problem = f"bad YAML ({getattr(error, 'problem', None) or error}"
    if context is not None and mark is not None and context.line != mark.line:
        problem += f"; {error.context} on line {context.line + 2}"
    return ContentFileError(path, mark.line + 2 if mark else 2, problem + ")")
