"""Terms in one CSV file, as glossary teams keep them in spreadsheets: a faithful
round trip, what spreadsheets write, and problems named by row."""

import csv
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from glossary_site.exchange.records import record_of
from terms.models import Term, TermAlias


def records():
    return {term.slug: record_of(term) for term in Term.objects.prefetch_related("aliases", "related")}


def test_csv_round_trip_into_an_empty_database_keeps_terms_aliases_and_related(tmp_path, make_term):
    now = timezone.now()
    api = make_term(
        title="API",
        slug="api",
        summary='An "interface", for programs.',
        body='## Uses\r\n\nLines, commas; quotes "here" | and a bar.\n\n- ünïcode',
    )
    rest = make_term(title="REST", slug="rest", status="draft", published_at=now - timedelta(days=3))
    generic = make_term(title="Generics", slug="generics", summary="")
    TermAlias.objects.create(
        term=api, name="Application programming interface", slug="application-programming-interface"
    )
    TermAlias.objects.create(term=api, name="Web API", slug="webapi")
    TermAlias.objects.create(term=generic, name="List <T>", slug="list-t")
    api.related.add(rest, generic)
    before = records()
    path = tmp_path / "glossary.csv"

    call_command("export_content", path, stdout=StringIO())
    TermAlias.objects.all().delete()
    Term.objects.all().delete()
    call_command("import_content", path, stdout=StringIO())

    assert records() == before
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [row["slug"] for row in rows] == ["api", "generics", "rest"]
    assert rows[0]["aliases"] == "Application programming interface | Web API <webapi>"
    assert rows[0]["related"] == "generics | rest"
    again = StringIO()
    call_command("import_content", path, stdout=again)
    assert again.getvalue().strip() == "0 created, 0 changed, 3 unchanged."


def test_a_spreadsheet_csv_with_a_bom_crlf_any_column_order_and_empty_rows_imports(tmp_path, db):
    path = tmp_path / "from-a-spreadsheet.csv"
    path.write_bytes(
        "\ufeffSlug,Title,Related,Body,Status,Published_at\r\n"
        "ledger,Ledger,,Where money is written down.,published,2024-03-19\r\n"
        ",,,,,\r\n"
        'double-entry,Double-entry bookkeeping,ledger,"Two lines:\r\nboth sides.",,\r\n'.encode()
    )

    call_command("import_content", path, stdout=StringIO())

    entry = Term.objects.get(slug="double-entry")
    assert entry.status == "draft" and entry.body == "Two lines:\nboth sides."  # stored as the admin would
    assert [t.slug for t in entry.related.all()] == ["ledger"]
    ledger = Term.objects.get(slug="ledger")
    assert ledger.body_html == "<p>Where money is written down.</p>"
    assert ledger.published_at.date().isoformat() == "2024-03-19"


def test_csv_problems_are_named_by_row_as_a_spreadsheet_numbers_them(tmp_path, db):
    path = tmp_path / "glossary.csv"
    path.write_text(
        "title,slug,status,published_at,related\n"
        "Good,good,draft,,\n"
        ",no-title,draft,,\n"  # row 3
        "Dated,dated,published,soon,nowhere\n"  # row 4: two problems
        "Short,short\n",  # row 5
        encoding="utf-8",
    )

    err = StringIO()
    with pytest.raises(CommandError, match=r"^4 problems in 1 file; nothing was imported\.$"):
        call_command("import_content", path, "--dry-run", stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        f"{path}:row 3: missing title",
        f"{path}:row 4: bad date 'soon' (use 2024-03-19T12:00:00+00:00)",
        f"{path}:row 4: unknown related term nowhere",
        f"{path}:row 5: has 2 cells, the first row names 5 columns",
    ]
    assert not Term.objects.exists()


def test_a_csv_with_an_unknown_column_is_refused_naming_the_columns(tmp_path, db):
    path = tmp_path / "glossary.csv"
    path.write_text("title,slug,colour\nA,a,red\n", encoding="utf-8")

    with pytest.raises(CommandError, match=rf"^{path}:row 1: unknown column colour \(columns: title, slug,"):
        call_command("import_content", path, stdout=StringIO())


def test_dry_run_of_a_csv_names_rows_and_changed_fields(tmp_path, make_term):
    make_term(title="Ledger", slug="ledger", summary="Old.")
    path = tmp_path / "glossary.csv"
    call_command("export_content", path, stdout=StringIO())
    path.write_text(path.read_text(encoding="utf-8").replace("Old.", "New."), encoding="utf-8")

    out = StringIO()
    call_command("import_content", path, "--dry-run", stdout=out)

    assert out.getvalue().splitlines()[0] == "change: glossary.csv:row 2 (summary)"


def test_an_alias_holding_the_list_separator_refuses_a_csv_export(tmp_path, make_term):
    TermAlias.objects.create(term=make_term(slug="pipe"), name="a | b", slug="a-b")

    with pytest.raises(CommandError, match="holds the list separator '\\|'; export to a folder instead"):
        call_command("export_content", tmp_path / "glossary.csv", stdout=StringIO())


# --- the link rules of a term (terms migration 0007) -------------------------------


def test_csv_round_trip_keeps_the_link_rules(tmp_path, make_term):
    make_term(title="Type", slug="type", link_automatically=False, never_link_in="types of\ntype of")
    rest = make_term(title="REST", slug="rest", match_case="always")
    TermAlias.objects.create(term=rest, name="Representational State Transfer", slug="representational-state")
    TermAlias.objects.create(term=rest, name="Rest API", slug="rest-api", link_automatically=False)
    before = records()
    path = tmp_path / "glossary.csv"

    call_command("export_content", path, stdout=StringIO())
    Term.objects.all().delete()
    call_command("import_content", path, stdout=StringIO())

    assert records() == before
    rows = {row["slug"]: row for row in csv.DictReader(path.open(encoding="utf-8", newline=""))}
    assert (rows["type"]["link_automatically"], rows["type"]["never_link_in"]) == ("no", "types of | type of")
    assert (rows["rest"]["link_automatically"], rows["rest"]["match_case"]) == ("yes", "always")
    assert rows["rest"]["aliases_not_linked"] == "Rest API"
    assert TermAlias.objects.get(slug="rest-api").link_automatically is False
    assert TermAlias.objects.get(slug="representational-state").link_automatically is True
    assert list(rows["rest"]) == [
        "title", "slug", "summary", "status", "published_at", "sort_as", "aliases", "aliases_not_linked", "related",
        "link_automatically", "match_case", "never_link_in", "body",
    ]  # fmt: skip


def test_a_csv_naming_an_unknown_alias_as_not_linked_is_refused(tmp_path, make_term):
    rest = make_term(title="REST", slug="rest")
    TermAlias.objects.create(term=rest, name="Rest API", slug="rest-api")
    path = tmp_path / "glossary.csv"
    call_command("export_content", path, stdout=StringIO())
    path.write_text(
        path.read_text(encoding="utf-8").replace(",Rest API,,", ",Rest API,Restful,"), encoding="utf-8"
    )

    with pytest.raises(
        CommandError, match="aliases_not_linked names 'Restful', which is no alias of this term"
    ):
        call_command("import_content", path, stdout=StringIO())
    assert TermAlias.objects.get(slug="rest-api").link_automatically is True


def test_a_csv_without_the_rule_columns_keeps_an_editors_rules_and_defaults_new_terms(tmp_path, make_term):
    make_term(title="Key", slug="key", summary="A value.", link_automatically=False, never_link_in="key to")
    path = tmp_path / "glossary.csv"
    path.write_text(
        "title,slug,summary,status,published_at\nKey,key,A value.,draft,\nLock,lock,,draft,\n",
        encoding="utf-8",
    )

    call_command("import_content", path, stdout=StringIO())

    key, lock = Term.objects.get(slug="key"), Term.objects.get(slug="lock")
    assert (key.link_automatically, key.match_case, key.never_link_in) == (False, "auto", "key to")
    assert (lock.link_automatically, lock.match_case, lock.never_link_in) == (True, "auto", "")


def test_csv_rule_cells_accept_spreadsheet_spellings_and_empty_means_unchanged(tmp_path, make_term):
    make_term(title="Key", slug="key", match_case="never", never_link_in="key to")
    path = tmp_path / "glossary.csv"
    path.write_text(
        "title,slug,link_automatically,match_case,never_link_in\n"
        "Key,key,FALSE,,\n"
        "Lock,lock,Yes,Always,lock in | lock up\n",
        encoding="utf-8",
    )

    call_command("import_content", path, stdout=StringIO())

    key, lock = Term.objects.get(slug="key"), Term.objects.get(slug="lock")
    assert (key.link_automatically, key.match_case, key.never_link_in) == (False, "never", "")
    assert (lock.link_automatically, lock.match_case, lock.never_link_in) == (
        True,
        "always",
        "lock in\nlock up",
    )


def test_bad_rule_cells_are_named_by_row_and_nothing_is_imported(tmp_path, db):
    path = tmp_path / "glossary.csv"
    path.write_text(
        "title,slug,link_automatically,match_case\n"
        "Good,good,no,never\n"
        "Bad,bad,sometimes,upper\n",  # row 3: two problems
        encoding="utf-8",
    )

    err = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems in 1 file; nothing was imported\.$"):
        call_command("import_content", path, "--dry-run", stdout=StringIO(), stderr=err)
    with pytest.raises(CommandError):
        call_command("import_content", path, stdout=StringIO())

    assert err.getvalue().splitlines() == [
        f"{path}:row 3: link_automatically must be yes or no (true or false), not 'sometimes'",
        f"{path}:row 3: match_case must be one of 'auto', 'always', 'never', 'capitalised', not 'upper'",
    ]
    assert not Term.objects.exists()


def test_an_empty_csv_and_one_that_is_not_utf8_are_refused_and_nothing_is_imported(tmp_path, db):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("title,slug,body\nCafé,cafe,Une boisson.\n".encode("latin-1"))

    with pytest.raises(CommandError, match=rf"^{empty}:row 1: is empty: the first row must name the columns"):
        call_command("import_content", empty, stdout=StringIO())
    with pytest.raises(CommandError, match=rf"^{latin}:row 1: cannot be read \("):
        call_command("import_content", latin, stdout=StringIO())
    assert not Term.objects.exists()


def test_a_csv_rows_body_is_kept_compressed_once_checked_and_given_back_exactly(tmp_path, db):
    from glossary_site.exchange.spreadsheet import read_csv

    body = '## Ünïcode\r\n\nLine one, with "quotes".\r\nA trailing space \n\n' + "Many words. " * 200
    path = tmp_path / "glossary.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["title", "slug", "body"], ["Term", "term", body]])
    (content,) = read_csv(path)
    assert content.record["body"] == body

    content.set_body_aside({})

    assert content.record["body"] is None  # 100,000 bodies are not held as text to the end
    assert len(content.body_packed) < len(body.encode()) / 3
    assert content.body() == body
    assert content.full_record()["body"] == body
