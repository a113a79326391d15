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
