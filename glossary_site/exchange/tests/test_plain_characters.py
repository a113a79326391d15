"""An import refuses a control character in any text, naming the file and line,
as the admin's forms do (issue 26, finding 7): nothing of the import is written."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Tag
from terms.models import Term

TERM = """---
kind: term
title: Good
slug: good
summary: {summary}
status: published
published_at: '2024-03-19T12:00:00+00:00'
---
## Body

{body}
"""

ARTICLE = """---
kind: article
title: Scaling reads
slug: scaling-reads
summary: Replicas.
status: published
published_at: '2024-03-19T12:00:00+00:00'
tags:
- Databases
- "Fin\\x1btech"
---
Text.
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def import_refused(path):
    with pytest.raises(CommandError) as raised:
        call_command("import_content", path, stdout=StringIO())
    return str(raised.value)


def test_a_summary_with_a_control_character_refuses_the_whole_import_naming_file_and_line(tmp_path, db):
    write(tmp_path, "a-fine.md", TERM.format(summary="Fine.", body="Text.").replace("good", "fine"))
    bad = write(tmp_path, "b-bad.md", TERM.format(summary='"A callback\\x01 over HTTP."', body="Text."))

    report = import_refused(tmp_path)

    assert report.startswith(f"{bad}:5: summary: Remove the invisible control character U+0001")
    assert not Term.objects.exists(), "nothing of the import is written"


def test_a_control_character_in_a_body_is_named_by_the_files_own_line(tmp_path, db):
    bad = write(tmp_path, "bad.md", TERM.format(summary="Fine.", body="First.\n\nThen\x0c a form feed."))

    assert import_refused(tmp_path).startswith(
        f"{bad}:13: body: Remove the invisible control character U+000C after “Then”"
    )
    assert not Term.objects.exists()


def test_a_tag_name_with_a_control_character_is_refused(tmp_path, db):
    bad = write(tmp_path, "article.md", ARTICLE)

    assert import_refused(tmp_path).startswith(
        f"{bad}:8: tags: Remove the invisible control character U+001B"
    )
    assert not Article.objects.exists() and not Tag.objects.exists()


def test_a_csv_row_with_a_control_character_is_named_by_its_row(tmp_path, db):
    path = tmp_path / "glossary.csv"
    path.write_text(
        "title,slug,summary,status,published_at,body\n"
        "Fine,fine,Fine.,published,2024-03-19,Text.\n"
        "Bad,bad,Caching\x01 layer,published,2024-03-19,Text.\n",
        encoding="utf-8",
    )

    assert import_refused(path).startswith(
        f"{path}:row 3: summary: Remove the invisible control character U+0001 after “Caching”"
    )
    assert not Term.objects.exists()
