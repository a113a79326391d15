"""The admin's Import and export screens: an upload's dry run, then Apply in the
background, landing what `import_content` lands; bad files named by file and line;
the screens closed to staff without "Can import and export content"."""

import io
import re
import zipfile
from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Tag
from glossary_site.exchange import importing, progress
from glossary_site.exchange.models import ContentImport
from glossary_site.exchange.records import record_of
from glossary_site.markup.uploads import store_image
from terms.models import Term, TermAlias

TERM = """---
kind: term
title: {title}
slug: {slug}
summary: A short summary.
status: published
published_at: '2024-03-19T12:00:00+00:00'
related: []
---
## Body

Text of {title}.
"""


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def zipped(folder):
    """The folder as a .zip, as someone would zip an export by hand."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def snapshot():
    items = [
        *Term.objects.prefetch_related("aliases", "related"),
        *Article.objects.select_related("author").prefetch_related("tags"),
    ]
    return {
        (record_of(item)["kind"], item.slug): {**record_of(item), "body_html": item.body_html}
        for item in items
    }


def upload(client, name, data):
    response = client.post("/admin/transfer/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], BeautifulSoup(client.get(response["Location"]).content, "html.parser")


def texts(page, selector):
    return [" ".join(node.get_text().split()) for node in page.select(selector)]


def generate(media_root):
    diagram = store_image(SimpleUploadedFile("diagram.png", png()))
    author = Author.objects.create(name="Ada", slug="ada", bio="Writes.")
    tag = Tag.objects.create(name="Payments", slug="payments")
    now = timezone.now()
    terms = []
    for n in range(6):
        term = Term.objects.create(
            title=f"Concept {n}",
            slug=f"concept-{n}",
            summary=f"Summary {n}.",
            body=f"## Part {n}\n\nConcept {max(n - 1, 0)} and more.\n\n![A diagram]({diagram})",
            status="draft" if n == 5 else "published",
            published_at=now - timedelta(days=n),
        )
        if n % 2:
            TermAlias.objects.create(term=term, name=f"Other name {n}", slug=f"other-name-{n}")
        if n >= 2:  # concept-0 relates to none: the test changes it alone
            term.related.add(terms[-1])
        terms.append(term)
    article = Article.objects.create(
        title="Why concepts matter",
        slug="why-concepts-matter",
        summary="An article.",
        body="Concept 1 and Concept 2, again.",
        status="published",
        published_at=now - timedelta(days=1),
        author=author,
        cover_alt="",
    )
    article.tags.set([tag])


def test_an_import_through_the_admin_lands_what_import_content_lands(
    admin_client, media_root, tmp_path, make_term
):
    generate(media_root)
    export = tmp_path / "export"
    call_command("export_content", export, stdout=StringIO())
    Term.objects.filter(slug="concept-0").update(summary="Changed on the site since.")
    Term.objects.exclude(slug="concept-0").delete()
    Article.objects.all().delete()

    location, report = upload(admin_client, "site.zip", zipped(export))

    assert texts(report, "#import-status h2") == ["Dry run: 6 to create, 1 to change, 0 unchanged"]
    assert "terms/concept-1.md Concept 1" in texts(report, "#create-title + ul li")
    assert texts(report, "#change-title + ul li") == ["terms/concept-0.md Concept 0 (summary)"]
    assert Term.objects.count() == 1 and not Article.objects.exists(), "a dry run writes nothing"

    apply = report.select_one(f'form[action="{location}apply/"]')
    assert apply.find("button").get_text() == "Apply this import"
    admin_client.post(f"{location}apply/")

    done = BeautifulSoup(admin_client.get(location).content, "html.parser")
    assert texts(done, "#import-status h2") == ["Imported: 6 created, 1 changed, 0 unchanged."]
    assert ContentImport.objects.get().upload is None, "the file is not kept once applied"
    through_the_admin = snapshot()

    Term.objects.all().delete()
    Article.objects.all().delete()
    make_term(title="Concept 0", slug="concept-0", summary="Changed on the site since.")
    call_command("import_content", export, stdout=StringIO())
    assert through_the_admin == snapshot()
    assert len(through_the_admin) == 7


def test_a_bad_file_shows_its_file_line_problem_and_changes_nothing(admin_client, make_term):
    make_term(title="Kept", slug="kept")
    before = snapshot()
    files = {
        "terms/a-good.md": TERM.format(title="Good", slug="good"),
        "terms/b-bad.md": TERM.format(title="Bad", slug="bad").replace("'2024-03-19T12:00:00+00:00'", "soon"),
        "terms/kept.md": TERM.format(title="''", slug="kept"),
    }

    location, report = upload(admin_client, "broken.zip", zip_of(files))

    assert texts(report, "#import-status h2") == ["Nothing was imported: the file has 2 problems"]
    assert texts(report, ".transfer-problems li") == [
        "terms/b-bad.md:7: bad date 'soon' (use 2024-03-19T12:00:00+00:00)",
        "terms/kept.md:3: missing title",
    ]
    assert report.select_one("form[action$='/apply/']") is None
    admin_client.post(f"{location}apply/")
    assert snapshot() == before
    assert ContentImport.objects.get().state == "refused"


def test_a_csv_file_of_terms_is_planned_by_row(admin_client, db):
    csv = "title,slug,summary,status,published_at,body\nLedger,ledger,A record.,published,2024-01-02T10:00:00+00:00,Text.\n"

    location, report = upload(admin_client, "glossary.csv", csv.encode())

    assert texts(report, "#create-title + ul li") == ["glossary.csv:row 2 Ledger"]
    admin_client.post(f"{location}apply/")
    assert Term.objects.get(slug="ledger").title == "Ledger"


def test_a_csv_problem_names_its_row(admin_client, db):
    csv = "title,slug,body\nLedger,Not A Slug,Text.\n"

    _, report = upload(admin_client, "glossary.csv", csv.encode())

    assert texts(report, ".transfer-problems li") == [
        "glossary.csv:row 2: bad slug 'Not A Slug' (use lowercase letters, digits and hyphens)"
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"hello", "Upload a .zip file made by Export, or a .csv file of terms."),
        ("site.zip", b"not a zip at all", "This is not a readable .zip file."),
    ],
)
def test_an_upload_of_the_wrong_kind_is_refused_on_the_form(admin_client, db, name, data, message):
    response = admin_client.post("/admin/transfer/", {"file": SimpleUploadedFile(name, data)})

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert texts(page, "#file-errors") == [message]
    assert page.select_one("input[type=file]")["aria-invalid"] == "true"
    assert not ContentImport.objects.exists()


def test_an_archive_that_leaves_its_folder_is_refused_and_nothing_is_written(admin_client, db):
    _, report = upload(admin_client, "evil.zip", zip_of({"../outside.md": TERM.format(title="A", slug="a")}))

    assert texts(report, ".transfer-problems li") == [
        "../outside.md: a path that leaves the archive (..); nothing was unpacked."
    ]
    assert not Term.objects.exists()


def test_an_empty_archive_says_what_an_import_needs(admin_client, db):
    _, report = upload(admin_client, "empty.zip", zip_of({"readme.txt": "hello"}))

    assert texts(report, ".transfer-problems li")[0].startswith("The file holds no terms or articles")


def test_apply_checks_again_and_stops_if_the_site_changed_since_the_dry_run(admin_client, make_term):
    location, _ = upload(
        admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")})
    )
    make_term(title="Someone else's", slug="new")

    admin_client.post(f"{location}apply/")

    page = BeautifulSoup(admin_client.get(location).content, "html.parser")
    assert texts(page, "#import-status h2") == ["Dry run: 0 to create, 1 to change, 0 unchanged"]
    assert "the site changed since this report was made" in texts(page, ".transfer-note")[0]
    assert Term.objects.get(slug="new").title == "Someone else's"


def test_apply_pressed_twice_imports_once(admin_client, db):
    location, _ = upload(
        admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")})
    )

    admin_client.post(f"{location}apply/")
    admin_client.post(f"{location}apply/")

    assert Term.objects.get(slug="new").history.count() == 1
    assert ContentImport.objects.get().state == "done"


def test_a_failure_while_writing_lands_nothing_and_says_why(admin_client, make_term, monkeypatch):
    location, _ = upload(
        admin_client,
        "two.zip",
        zip_of({f"terms/{slug}.md": TERM.format(title=slug.title(), slug=slug) for slug in ("one", "two")}),
    )

    def refuse(*args, **kwargs):
        raise ValueError("the disk is full")

    monkeypatch.setattr("glossary_site.exchange.bulk.create", refuse)
    admin_client.post(f"{location}apply/")

    page = BeautifulSoup(admin_client.get(location).content, "html.parser")
    assert texts(page, "#import-status h2") == ["Not imported"]
    assert "the disk is full" in texts(page, "#import-status p")[0]
    assert not Term.objects.exists()


def test_export_downloads_every_item_and_the_images_they_use(admin_client, media_root):
    generate(media_root)

    response = admin_client.get("/admin/transfer/export/")

    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert re.fullmatch(r'attachment; filename="\w+-export-[\d-]+\.zip"', response["Content-Disposition"])
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert "terms/concept-0.md" in names and "articles/why-concepts-matter.md" in names
    assert any(name.startswith("media/uploads/") and name.endswith(".png") for name in names)


@pytest.fixture
def transfer_client(db, django_user_model):
    """Staff given only "Can import and export content"."""
    user = django_user_model.objects.create_user("mover", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="transfer_content"))
    client = Client()
    client.force_login(user)
    return client


def test_the_permission_alone_opens_the_screens(transfer_client):
    assert transfer_client.get("/admin/transfer/").status_code == 200
    assert transfer_client.get("/admin/transfer/export/").status_code == 200


def test_the_editors_group_does_not_have_the_permission(editor):
    assert not editor.has_perm(importing.PERMISSION)


@pytest.mark.parametrize("who", ["staff_client", "editor_client"])
def test_staff_without_the_permission_get_403_on_every_screen(request, admin_client, who):
    location, _ = upload(
        admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")})
    )
    client = request.getfixturevalue(who)
    data = {"file": SimpleUploadedFile("one.zip", b"PK")}

    answers = [
        client.get("/admin/transfer/").status_code,
        client.post("/admin/transfer/", data).status_code,
        client.get("/admin/transfer/export/").status_code,
        client.get(location).status_code,
        client.post(f"{location}apply/").status_code,
    ]

    assert answers == [403] * 5
    assert not Term.objects.exists() and ContentImport.objects.get().state == "checked"


def test_the_task_refuses_an_import_queued_by_someone_without_the_permission(admin_client, admin_user):
    location, _ = upload(
        admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")})
    )
    row = ContentImport.objects.get()
    admin_user.is_superuser = False
    admin_user.save()
    ContentImport.objects.filter(pk=row.pk).update(state="queued", applied_by=admin_user)

    importing.apply_import.call(row.pk)

    row.refresh_from_db()
    assert row.state == "failed" and "may no longer import" in row.outcome
    assert not Term.objects.exists()


def test_an_import_that_would_publish_is_refused_to_staff_who_may_not_publish(transfer_client, make_term):
    make_term(title="Live", slug="live", status="draft")
    files = {
        "terms/new.md": TERM.format(title="New", slug="new"),
        "terms/live.md": TERM.format(title="Live", slug="live"),
        "terms/draft.md": TERM.format(title="Draft", slug="draft").replace(
            "status: published", "status: draft"
        ),
    }

    location, report = upload(transfer_client, "publish.zip", zip_of(files))

    assert texts(report, ".transfer-problems li") == [
        "terms/live.md: the import would change its status or publication date, and you may not publish terms.",
        "terms/new.md: the import would publish it, and you may not publish terms.",
        "Set them to draft in the file, or have someone who may publish import it.",
    ]
    assert report.select_one("form[action$='/apply/']") is None
    transfer_client.post(f"{location}apply/")
    assert list(Term.objects.values_list("slug", "status")) == [("live", "draft")]


def test_staff_who_may_not_publish_may_import_drafts_and_edit_live_text(transfer_client, make_term):
    live = make_term(title="Live", slug="live")
    exported = TERM.format(title="Live", slug="live").replace(
        "'2024-03-19T12:00:00+00:00'", f"'{live.published_at.isoformat()}'"
    )
    files = {
        "terms/live.md": exported.replace("Text of Live.", "Better text of Live."),
        "terms/sketch.md": TERM.format(title="Sketch", slug="sketch").replace(
            "status: published", "status: draft"
        ),
    }

    location, report = upload(transfer_client, "drafts.zip", zip_of(files))
    assert texts(report, ".transfer-problems li") == []
    transfer_client.post(f"{location}apply/")

    assert ContentImport.objects.get().state == "done"
    assert dict(Term.objects.values_list("slug", "status")) == {"live": "published", "sketch": "draft"}
    assert "Better text" in Term.objects.get(slug="live").body


def test_the_task_refuses_to_publish_for_whoever_applies_without_the_permission(
    admin_client, transfer_client
):
    location, _ = upload(
        admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")})
    )

    transfer_client.post(f"{location}apply/")

    row = ContentImport.objects.get()
    assert row.state == "refused" and not Term.objects.exists()
    assert (
        "terms/new.md: the import would publish it, and you may not publish terms." in row.report["problems"]
    )


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get("/admin/transfer/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_files_of_imports_never_applied_are_dropped_after_a_day(admin_client, db):
    upload(admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")}))
    ContentImport.objects.update(created_at=timezone.now() - timedelta(days=2))

    upload(admin_client, "two.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")}))

    old, new = ContentImport.objects.order_by("created_at")
    assert (old.state, old.upload) == ("failed", None)
    assert new.state == "checked" and new.upload is not None


def test_a_large_import_shows_how_far_it_has_got_while_it_runs(admin_client, db):
    location, _ = upload(
        admin_client, "one.zip", zip_of({"terms/new.md": TERM.format(title="New", slug="new")})
    )
    row = ContentImport.objects.get()
    ContentImport.objects.filter(pk=row.pk).update(state="running")
    progress.Progress(120, importing.Progress(row.pk)).step(24)  # as apply.write() reports it

    page = BeautifulSoup(admin_client.get(location).content, "html.parser")

    bar = page.select_one("#import-status progress")
    assert (bar["value"], bar["max"]) == ("24", "120")
    assert texts(page, "#import-progress-label") == ["Saving the items: 24 of 120"]
    assert page.select_one("#import-status").has_attr("data-poll")
