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

from glossary_site.exchange.models import ContentImport
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


@pytest.mark.parametrize(
    ("alias", "problem"),
    [
        ("Message Broker", "alias 'Message Broker': “Message Broker” is already the title of another term."),
        ("message broker", "alias 'message broker': “message broker” is already the title of another term."),
        (
            "{name: Broker, slug: message-broker}",
            "alias 'Broker': “message-broker” is already the address of another term.",
        ),
        ("{name: queues, slug: queue}", None),  # its own title: the admin allows it, the import too
    ],
)
def test_an_alias_is_refused_as_the_admin_refuses_it(db, tmp_path, make_term, alias, problem):
    make_term(title="Message Broker", slug="message-broker")
    path = folder(tmp_path, queues=term_file("queues", extra=ALIASED.format(alias)))

    if problem is None:
        assert dry_run(path)[-1] == "Dry run, nothing written: 1 to create, 0 to change, 0 unchanged."
        return
    assert refused(path) == [f"{path / 'terms' / 'queues.md'}:9: {problem}"]
    assert not Term.objects.filter(slug="queues").exists()


def test_an_alias_with_its_own_terms_address_is_refused_for_a_new_and_a_stored_term(db, tmp_path, make_term):
    make_term(title="Stored", slug="stored")
    path = folder(
        tmp_path,
        dns=term_file("dns", "DNS (Domain Name System)", ALIASED.format("DNS")),
        stored=term_file("stored", extra=ALIASED.format("{name: Kept, slug: stored}")),
    )

    assert refused(path) == [
        f"{path / 'terms' / 'dns.md'}:9: alias 'DNS': An alias cannot have the term's own address.",
        f"{path / 'terms' / 'stored.md'}:9: alias 'Kept': An alias cannot have the term's own address.",
        "2 problems in 2 files; nothing was imported.",
    ]


def test_an_alias_clashing_with_another_file_of_the_same_import_is_refused(db, tmp_path):
    path = folder(
        tmp_path,
        broker=term_file("broker", "Message Broker"),
        queues=term_file("queues", extra=ALIASED.format("Message Broker") + "- {name: B, slug: broker}\n"),
    )

    assert refused(path)[:2] == [
        f"{path / 'terms' / 'queues.md'}:9: alias 'B': it is the address of the term in terms/broker.md.",
        f"{path / 'terms' / 'queues.md'}:9: alias 'Message Broker': it is the title of the term in terms/broker.md.",
    ]
    assert not Term.objects.exists()


def test_an_alias_another_term_also_has_is_a_warning(db, tmp_path, make_term):
    TermAlias.objects.create(term=make_term(title="Message Broker", slug="broker"), name="MQ", slug="mq")
    path = folder(tmp_path, queues=term_file("queues", extra=ALIASED.format("{name: mq, slug: mq-queues}")))

    lines = dry_run(path)

    assert lines[0] == (
        f"{path / 'terms' / 'queues.md'}:9: alias 'mq' is also an alias of the term 'broker': "
        "its mentions link one of them"
    )
    assert lines[-1] == "Dry run, nothing written: 1 to create, 0 to change, 0 unchanged."


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


def test_one_refused_file_stops_the_import_and_every_problem_is_listed(db, tmp_path, make_term):
    make_term(title="Message Broker", slug="message-broker")
    path = folder(
        tmp_path,
        good=term_file("good"),
        queues=term_file("queues", extra=ALIASED.format("Message Broker")),
        topics=term_file("topics", quoted_slug='"topics\\n"', extra=ALIASED.format("トピック")),
    )

    problems = refused(path)

    assert len(problems) == 4 and problems[-1] == "3 problems in 2 files; nothing was imported."
    assert set(Term.objects.values_list("slug", flat=True)) == {"message-broker"}


def test_the_import_screen_refuses_what_the_command_refuses_and_lists_every_problem(admin_client, make_term):
    make_term(title="Message Broker", slug="message-broker")
    files = {
        "terms/good.md": term_file("good"),
        "terms/queues.md": term_file("queues", extra=ALIASED.format("Message Broker")),
        "terms/topics.md": term_file("topics", quoted_slug='"topics\\n"', extra=ALIASED.format("トピック")),
    }

    location, page = upload(admin_client, files)

    assert texts(page, ".transfer-problems li") == [
        "terms/queues.md:9: alias 'Message Broker': “Message Broker” is already the title of another term.",
        "terms/topics.md:4: bad slug 'topics\\n' (use lowercase letters, digits and hyphens)",
        "terms/topics.md:9: 'トピック' in aliases gives no address (addresses use only a-z, 0-9 and hyphens): "
        "give it one, as '- name: トピック' with 'slug: ...' under it",
    ]
    admin_client.post(f"{location}apply/")
    assert ContentImport.objects.get().state == "refused"
    assert set(Term.objects.values_list("slug", flat=True)) == {"message-broker"}


def test_an_alias_marked_link_false_is_kept_from_linking_and_exported_so(db, tmp_path):
    aliases = ALIASED.format("{name: Runtime, link: false}") + "- CRI\n"
    path = folder(tmp_path, runtime=term_file("container-runtime", "Container Runtime", aliases))

    call_command("import_content", path, stdout=StringIO())

    linked = dict(TermAlias.objects.values_list("name", "link_automatically"))
    assert linked == {"Runtime": False, "CRI": True}
    call_command("export_content", tmp_path / "out", stdout=StringIO())
    exported = (tmp_path / "out" / "terms" / "container-runtime.md").read_text(encoding="utf-8")
    assert "- name: CRI\n  slug: cri\n- name: Runtime\n  slug: runtime\n  link: false\n" in exported


def test_an_alias_link_that_is_not_yes_or_no_is_refused(db, tmp_path):
    path = folder(tmp_path, runtime=term_file("runtime", extra=ALIASED.format("{name: Engine, link: maybe}")))

    assert refused(path)[0].endswith("link must be yes or no (true or false), not 'maybe'")
    assert not Term.objects.exists()
