"""The CSV form of content, the one glossary teams keep in spreadsheets.

One file, one row per item of the kind that has a CSV form (the glossary's terms;
articles, with bylines, tags and covers, stay Markdown files). The columns are
title, slug, summary, status, published_at (with more than one site language,
language, source_revision, translation_of and translated_from, as in front matter), the kind's own columns (aliases,
related, and the link rules link_automatically, match_case, never_link_in), then body. UTF-8 (a byte-order mark, as spreadsheets write, is accepted),
quoted the usual way (RFC 4180): a cell holding a comma, a quote or a line break is
in double quotes, with quotes doubled. A list is one cell, its entries separated by
`|` (spaces around them ignored). Problems name the row as a spreadsheet numbers
it, the header being row 1: `glossary.csv:row 3: missing title`.

A cell a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a
tab or a carriage return: `=HYPERLINK(...)` in a summary) is written with a `'`
before it, as spreadsheets write text they must not calculate (issue 26), and so is
one whose `'`s come before such a start (`'=x`). The import takes exactly that one
`'` off again, so exporting and importing any number of times gives the same text;
a `'` before anything else ("'Tis") is part of the text.
"""

import csv

from glossary_site.content import languages, registry

from .content_file import ContentFile, ContentFileError
from .values import read_record

COMMON = ("title", "slug", "summary", "status", "published_at")
# Written when the site has more than one language; read whenever a file has them.
LANGUAGE_COLUMNS = ("language", "source_revision", "translation_of", "translated_from")
SEPARATOR = "|"
REQUIRED = ("title", "slug")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def is_csv(path):
    """A path ending in .csv is a CSV file; anything else is a folder of Markdown files."""
    return path.suffix.lower() == ".csv"


def csv_kind():
    """The kind a CSV file holds: the first registered one with a CSV form."""
    return next(kind for kind in registry.kinds() if kind.record.csv_columns is not None)


def columns(kind):
    translated = LANGUAGE_COLUMNS if languages.is_multilingual() else ()
    return (*COMMON, *translated, *kind.record.csv_columns, "body")


# --- records -> file ----------------------------------------------------------------
def write_csv(path, records):
    """Write the records of csv_kind() to path. Raises ValueError for a list entry
    holding the separator, which the file could not give back."""
    kind = csv_kind()
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(columns(kind))
        for record in records:
            writer.writerow([as_text_cell(cell) for cell in _row(kind, record)])


def as_text_cell(value):
    """The cell a spreadsheet shows as the text itself, never as a formula."""
    return TEXT_MARK + value if _marked(value) else value


def from_text_cell(value):
    """The text of a cell as_text_cell() wrote (any other cell as it is)."""
    return value[1:] if value.startswith(TEXT_MARK) and _marked(value[1:]) else value


def _marked(value):
    # Quotes before a formula start too, so that text starting "'=" comes back as itself.
    return value.lstrip(TEXT_MARK).startswith(FORMULA_STARTS)


def _row(kind, record):
    lists = kind.record.csv_cells(record)
    for column, entries in lists.items():
        for entry in [] if isinstance(entries, str) else entries:
            if SEPARATOR in entry:
                raise ValueError(
                    f"{record['slug']}: {column} entry {entry!r} holds the list separator {SEPARATOR!r}"
                )
    return [
        record["title"],
        record["slug"],
        record["summary"],
        record["status"],
        record["published_at"].isoformat(),
        *(_language_cells(record) if languages.is_multilingual() else ()),
        *(_cell(lists[column]) for column in kind.record.csv_columns),
        record["body"],
    ]


def _language_cells(record):
    translated_from, source = record["translated_from"], record["translation_of"]
    return [
        record["language"],
        str(record["source_revision"]) if source is None else "",
        source or "",
        "" if translated_from is None else str(translated_from),
    ]


def _cell(value):
    return value if isinstance(value, str) else f" {SEPARATOR} ".join(value)


# --- file -> records ----------------------------------------------------------------
def read_csv(path):
    """A ContentFile per row (its problems noted, its label `file.csv:row N`), one
    row at a time: the caller sets each body aside before the next row is read, so
    a large file is never held whole."""
    kind = csv_kind()
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = csv.reader(file)
            header = next(rows, None)
            if header is None:
                yield _whole_file_problem(path, "is empty: the first row must name the columns")
                return
            header = [name.strip().lower() for name in header]
            unknown = sorted(set(header) - {*columns(kind), *LANGUAGE_COLUMNS})
            missing = [name for name in REQUIRED if name not in header]
            if unknown or missing:
                problem = "; ".join(
                    [f"unknown column {', '.join(unknown)}"] * bool(unknown)
                    + [f"missing column {', '.join(missing)}"] * bool(missing)
                )
                yield _whole_file_problem(path, f"{problem} (columns: {', '.join(columns(kind))})")
                return
            for number, cells in enumerate(rows, start=2):
                if any(cell.strip() for cell in cells):  # spreadsheets leave empty rows
                    yield _read_row(path, kind, header, cells, number)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        # Rows read before the error were yielded: their problems, if any, stand too.
        yield _whole_file_problem(path, f"cannot be read ({error})")


def _whole_file_problem(path, problem):
    content = ContentFile(path, first_line="row 1", label=path.name)
    content.problems.append(ContentFileError(path, "row 1", problem))
    return content


def _read_row(path, kind, header, cells, number):
    content = ContentFile(path, first_line=f"row {number}", label=f"{path.name}:row {number}")
    if len(cells) != len(header):
        content.problems.append(
            content.error("", f"has {len(cells)} cells, the first row names {len(header)} columns")
        )
        return content
    row = dict(zip(header, map(from_text_cell, cells), strict=True))
    given = (*COMMON, *LANGUAGE_COLUMNS)
    meta = {"kind": kind.name, **{name: row[name] for name in given if row.get(name, "").strip()}}
    # Only the columns the file has: one it lacks (an older file) says nothing.
    lists = {
        column: row[column].strip()
        if column in kind.record.csv_text_columns
        else [entry.strip() for entry in row[column].split(SEPARATOR) if entry.strip()]
        for column in kind.record.csv_columns
        if column in row
    }
    content.record = read_record(content, meta | kind.record.csv_meta(lists), row.get("body", ""))
    return content
