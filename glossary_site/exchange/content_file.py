"""One item as a content file or a CSV row gives it, and the problems found in it."""

import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class ContentFileError(Exception):
    """A file that cannot be imported: one message naming the file, the line and the problem."""

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{path}:{line}: {problem}")


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
    # What the import leaves out of the file (a key no field holds): reported, not refused.
    warnings: list | None = None

    @property
    def whole(self):
        return self.record is not None and not self.problems

    def set_body_aside(self, uses):
        """Let go of the body once checked: a large import's bodies do not fit in memory, and an import
        needs only a chunk of them at a time (body()). `uses`: what the body uses
        from the media storage (exchange/media.py), the one thing checked later."""
        self.body_uses = uses
        if self.record is None or self.record["body"] is None:
            return
        if self.body_at is not None:
            self.body_digest = _digest(self.record["body"])
        else:
            # A CSV row: no file of its own to read it from again, so it is kept
            # compressed (bench/README.md has what it saves at 100,000 terms).
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
            body = read_text(Path(self.path))[self.body_at :]
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

    def warn(self, key, problem):
        """Note what the import does not do with the file, in the form of a problem."""
        if self.warnings is None:
            self.warnings = []  # most files have none; a list each would cost 100,000 lists
        self.warnings.append(self.error(key, problem))

    def checked(self, parse, *args):
        """parse(*args), or None with its problem noted, so reading goes on."""
        try:
            return parse(*args)
        except ContentFileError as error:
            self.problems.append(error)
            return None


def _digest(body):
    return hashlib.blake2b(body.encode(), digest_size=16).digest()


def read_text(path):
    try:
        return path.read_text(encoding="utf-8", newline="")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentFileError(path, 1, f"cannot be read ({error})") from None
