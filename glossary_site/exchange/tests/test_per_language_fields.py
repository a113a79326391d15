"""A term's "sort as" reading and its aliases belong to its language: an export
writes each language's own and an import gives each back to the right item."""

from io import StringIO

import pytest
from django.core.management import call_command

from glossary_site.exchange import export
from terms.models import Term, TermAlias


@pytest.fixture
def function_in_three_languages(make_term, translate):
    english = make_term(title="Function", slug="function", body="Code with a name.")
    german = translate(english, "de", title="Funktion", slug="funktion", body="Code mit Namen.")
    japanese = translate(
        english,
        "ja",
        title="関数",
        slug="関数",
        sort_as="かんすう",
        body="名前の付いたコード。",
    )
    TermAlias.objects.create(term=english, name="Subroutine", slug="subroutine")
    TermAlias.objects.create(term=german, name="Unterprogramm", slug="unterprogramm")
    TermAlias.objects.create(term=japanese, name="ファンクション", slug="ファンクション")
    return english, german, japanese


def per_language():
    return {
        (term.language, term.slug): (
            term.sort_as,
            term.index_letter,
            sorted(a.name for a in term.aliases.all()),
        )
        for term in Term.objects.prefetch_related("aliases")
    }


def import_quietly(path, *options):
    out = StringIO()
    call_command("import_content", str(path), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize("target", ["folder", "glossary.csv"])
def test_export_and_import_give_each_language_its_own_reading_and_aliases(
    function_in_three_languages, tmp_path, target
):
    before = per_language()
    assert before[("ja", "関数")][1] == "か", "filed under its reading's kana row"
    export.write(tmp_path / target)
    Term.objects.all().delete()

    import_quietly(tmp_path / target)

    assert per_language() == before
    assert import_quietly(tmp_path / target, "--dry-run").endswith("0 to create, 0 to change, 3 unchanged.\n")


def test_a_file_gives_its_reading_and_one_without_keeps_the_terms(function_in_three_languages, tmp_path):
    _, _, japanese = function_in_three_languages
    export.write(tmp_path / "out")
    exported = tmp_path / "out" / "ja" / "terms" / "関数.md"
    text = exported.read_text(encoding="utf-8")
    assert "\nsort_as: かんすう\n" in text
    assert "sort_as" not in (tmp_path / "out" / "en" / "terms" / "function.md").read_text(encoding="utf-8")

    exported.write_text(text.replace("sort_as: かんすう", "sort_as: かんすうオブジェクト"), encoding="utf-8")
    import_quietly(tmp_path / "out")
    assert Term.objects.get(pk=japanese.pk).sort_as == "かんすうオブジェクト"

    exported.write_text(text.replace("sort_as: かんすう\n", ""), encoding="utf-8")
    import_quietly(tmp_path / "out")
    assert Term.objects.get(pk=japanese.pk).sort_as == "かんすうオブジェクト"


def test_an_alias_address_of_one_language_may_be_spelled_as_another_languages(
    function_in_three_languages, tmp_path
):
    english, german, _ = function_in_three_languages
    export.write(tmp_path / "out")
    exported = tmp_path / "out" / "de" / "terms" / "funktion.md"
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("slug: unterprogramm", "slug: subroutine"), encoding="utf-8")

    report = import_quietly(tmp_path / "out")

    assert "1 changed" in report, report
    assert TermAlias.objects.get(term=german).slug == "subroutine"
    assert TermAlias.objects.get(term=english).slug == "subroutine"
