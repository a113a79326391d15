"""An import says what it does: keys it drops, aliases the admin would refuse, bad
slugs and addresses it cannot make, each as `file:line: problem`, through
import_content and the admin's Import screen alike; a refused file still means
nothing is written."""

import io
import zipfile
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from terms.models import Term, TermAlias


def term_file(slug, title=None, extra="", quoted_slug=None):
    """A term's content file; `extra`: more front matter lines from line 9 on."""
    return (
        f"---\nkind: term\ntitle: {title or slug.title()}\nslug: {quoted_slug or slug}\nsummary: S.\n"
        f"status: published\npublished_at: '2024-03-19T12:00:00+00:00'\nrelated: []\n{extra}---\nText.\n"
    )


def folder(root, **files):
    (root / "terms").mkdir(parents=True)
    for slug, text in files.items():
        (root / "terms" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


def dry_run(path):
    out = StringIO()
    call_command("import_content", path, "--dry-run", stdout=out)
    return out.getvalue().splitlines()


def refused(path):
    """The problems the command names, one a line, when it refuses the folder."""
    err = StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("import_content", path, stdout=StringIO(), stderr=err)
    return [*err.getvalue().splitlines(), str(refusal.value)]


def upload(client, files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    response = client.post("/admin/transfer/", {"file": SimpleUploadedFile("import.zip", buffer.getvalue())})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    return response["Location"], page


def texts(page, selector):
    return [" ".join(node.get_text().split()) for node in page.select(selector)]


TAGGED = term_file("queues", extra="tags:\n- messaging\nweight: 3\n")


def test_the_dry_run_names_each_front_matter_key_the_import_drops(db, tmp_path):
    path = folder(tmp_path, queues=TAGGED)

    lines = dry_run(path)

    file = path / "terms" / "queues.md"
    assert lines == [
        f"{file}:9: 'tags' is dropped: a term has no such field",
        f"{file}:11: 'weight' is dropped: a term has no such field",
        "create: terms/queues.md",
        "Dry run, nothing written: 1 to create, 0 to change, 0 unchanged.",
    ]
    assert not Term.objects.exists()


def test_the_real_run_warns_of_a_dropped_key_and_imports_the_rest(db, tmp_path):
    path = folder(tmp_path, queues=TAGGED)
    out, err = StringIO(), StringIO()

    call_command("import_content", path, stdout=out, stderr=err)

    assert f"Warning: {path / 'terms' / 'queues.md'}:9: 'tags' is dropped: a term has no such field" in (
        err.getvalue().splitlines()
    )
    assert out.getvalue() == "1 created, 0 changed, 0 unchanged.\n"
    assert Term.objects.get(slug="queues").title == "Queues"


def test_the_import_screen_lists_dropped_keys_among_its_warnings(admin_client):
    _, page = upload(admin_client, {"terms/queues.md": TAGGED})

    assert texts(page, "[aria-labelledby=warnings-title] li") == [
        "terms/queues.md:9: 'tags' is dropped: a term has no such field",
        "terms/queues.md:11: 'weight' is dropped: a term has no such field",
    ]
    assert page.select_one("form[action$='/apply/']") is not None


ALIASED = "aliases:\n- {}\n"


def test_a_slug_ending_in_a_newline_is_refused_with_its_line(db, tmp_path):
    path = folder(tmp_path, queues=term_file("queues", quoted_slug='"queues\\n"'))

    assert refused(path) == [
        f"{path / 'terms' / 'queues.md'}:4: bad slug 'queues\\n' (use lowercase letters, digits and hyphens)"
    ]
    assert not Term.objects.exists()


def test_an_alias_in_another_script_needs_an_address_of_its_own(db, tmp_path):
    """Addresses are ASCII end to end (<slug:> routes, SlugField), so a name that
    slugifies to nothing is refused by name, every one of them, until given one."""
    unnamed = ALIASED.format("コンテナ") + "- 容器\n"
    path = folder(tmp_path, containers=term_file("containers", extra=unnamed))

    problems = refused(path)

    file = path / "terms" / "containers.md"
    assert problems[:2] == [
        f"{file}:9: 'コンテナ' in aliases gives no address (addresses use only a-z, 0-9 and hyphens): "
        "give it one, as '- name: コンテナ' with 'slug: ...' under it",
        f"{file}:9: '容器' in aliases gives no address (addresses use only a-z, 0-9 and hyphens): "
        "give it one, as '- name: 容器' with 'slug: ...' under it",
    ]

    (path / "terms" / "containers.md").write_text(
        term_file("containers", extra=ALIASED.format("{name: コンテナ, slug: kontena}")), encoding="utf-8"
    )
    call_command("import_content", path, stdout=StringIO())
    assert TermAlias.objects.get(slug="kontena").name == "コンテナ"
