"""A term's "never link in" list is bounded (glossary_site/markup/phrases.py): over
the bound the admin form says why and keeps what was typed, and an import names the
file (issue 26, finding 3)."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from glossary_site.markup.phrases import MAX_PHRASES
from glossary_site.testing.admin_forms import change_data, textarea_value
from terms.models import Term

TOO_MANY = "\n".join(f"phrase number {n}" for n in range(MAX_PHRASES + 1))


def test_a_form_with_too_many_phrases_says_why_and_keeps_the_text(admin_client, make_term):
    term = make_term(title="Ledger", slug="ledger")
    url = f"/admin/terms/term/{term.pk}/change/"

    response = admin_client.post(url, change_data(term, term.version, never_link_in=TOO_MANY))

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert f"{MAX_PHRASES + 1} phrases: at most {MAX_PHRASES} are accepted" in page.get_text()
    assert textarea_value(page.select_one("textarea[name=never_link_in]")).replace("\r\n", "\n") == TOO_MANY
    term.refresh_from_db()
    assert term.never_link_in == ""


def test_a_phrase_over_the_length_limit_is_refused_on_the_form(admin_client, make_term):
    term = make_term(title="Ledger", slug="ledger")
    url = f"/admin/terms/term/{term.pk}/change/"

    response = admin_client.post(url, change_data(term, term.version, never_link_in="long " * 30))

    assert "longer than 100 characters" in response.content.decode()
    term.refresh_from_db()
    assert term.never_link_in == ""


def test_an_import_over_the_bound_names_the_file(tmp_path, db):
    phrases = "".join(f"  - phrase number {n}\n" for n in range(MAX_PHRASES + 1))
    (tmp_path / "terms").mkdir()
    page = tmp_path / "terms" / "ledger.md"
    page.write_text(f"---\nkind: term\ntitle: Ledger\nslug: ledger\nnever_link_in:\n{phrases}---\nText.\n")

    with pytest.raises(CommandError, match=rf"ledger\.md:5: never_link_in: {MAX_PHRASES + 1} phrases"):
        call_command("import_content", tmp_path, "--dry-run", stdout=StringIO())
    assert not Term.objects.exists()
