"""The uploaded images bodies and covers use travel with an export, and come back
into an empty site checked as uploads are."""

import io
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from articles.models import Article
from glossary_site.markup.uploads import store_image
from terms.models import Term


def png(width=8, height=6, colour="teal"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def site_media(settings, tmp_path):
    """Point the media storage at a folder of its own; call again for another site."""

    def use(name):
        settings.MEDIA_ROOT = tmp_path / name
        return settings.MEDIA_ROOT

    use("site-a")
    return use


def test_a_round_trip_to_an_empty_site_keeps_body_images_and_covers(
    tmp_path, site_media, make_term, make_article
):
    diagram = store_image(SimpleUploadedFile("diagram.png", png(8, 6)))
    photo = store_image(SimpleUploadedFile("photo.png", png(4, 4, "red")))
    make_term(slug="ledger", body=f'## Shape\n\n![A ledger]({diagram})\n\n<img src="{photo}" alt="x">')
    article = make_article(slug="post", body=f"Intro.\n\n![Same diagram]({diagram})", cover_alt="A cover")
    article.cover.save("cover.png", ContentFile(png(12, 9, "navy")), save=True)
    names = [diagram.removeprefix("/media/"), photo.removeprefix("/media/"), article.cover.name]
    originals = {name: default_storage.open(name).read() for name in names}
    export = tmp_path / "export"

    call_command("export_content", export, stdout=StringIO())
    Article.objects.all().delete()
    Term.objects.all().delete()
    empty = site_media("site-b")
    out = StringIO()
    call_command("import_content", export, stdout=out)

    assert out.getvalue().strip() == "2 created, 0 changed, 0 unchanged; 3 media files stored."
    assert {name: (empty / name).read_bytes() for name in names} == originals
    term, article = Term.objects.get(slug="ledger"), Article.objects.get(slug="post")
    assert f'src="{diagram}"' in term.body_html and f'src="{diagram}"' in article.body_html
    assert f'src="{photo}"' in term.body_html
    assert (article.cover.name, article.cover_width, article.cover_height) == (names[2], 12, 9)
    again = StringIO()
    call_command("import_content", export, stdout=again)
    assert again.getvalue().strip() == "0 created, 0 changed, 2 unchanged."


def test_a_csv_export_carries_its_images_in_a_media_folder_beside_it(tmp_path, site_media, make_term):
    diagram = store_image(SimpleUploadedFile("diagram.png", png()))
    make_term(slug="ledger", body=f"![A ledger]({diagram})")

    call_command("export_content", tmp_path / "out" / "glossary.csv", stdout=StringIO())
    Term.objects.all().delete()
    site_media("site-b")
    call_command("import_content", tmp_path / "out" / "glossary.csv", stdout=StringIO())

    name = diagram.removeprefix("/media/")
    assert (tmp_path / "out" / "media" / name).is_file()
    assert default_storage.open(name).read() == png()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b"<html><script>alert(1)</script></html>",
            "This file is not a readable PNG, JPEG, WebP or GIF image.",
        ),
        (png()[:40], "This file is not a readable PNG, JPEG, WebP or GIF image."),
        (b"GIF89a" + png()[6:], "This file is not a readable PNG, JPEG, WebP or GIF image."),
    ],
)
def test_an_imported_file_that_is_not_a_real_image_is_refused_and_nothing_is_stored(
    tmp_path, site_media, db, data, problem
):
    media = tmp_path / "export" / "media" / "uploads"
    media.mkdir(parents=True)
    (media / "fake-8x6.png").write_bytes(data)
    (media / "real-8x6.png").write_bytes(png())
    terms = tmp_path / "export" / "terms"
    terms.mkdir()
    page = terms / "ledger.md"
    page.write_text(
        "---\nkind: term\ntitle: Ledger\nslug: ledger\nstatus: draft\n---\n"
        "![ok](/media/uploads/real-8x6.png)\n\n![bad](/media/uploads/fake-8x6.png)\n"
    )

    with pytest.raises(CommandError) as raised:
        call_command("import_content", tmp_path / "export", stdout=StringIO())

    assert str(raised.value) == f"{page}:7: media/uploads/fake-8x6.png: {problem}"
    assert not default_storage.exists("uploads/real-8x6.png")
    assert not Term.objects.exists()


def test_an_image_whose_name_says_another_type_is_refused(tmp_path, site_media, db):
    """Files are served by their name's type: a PNG named .html would be a page."""
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "page.html").write_bytes(png())
    (tmp_path / "a.md").write_text("---\nkind: term\ntitle: A\nslug: a\n---\n![x](/media/page.html)\n")

    with pytest.raises(
        CommandError, match="media/page.html: The file is a PNG image, but its name says otherwise"
    ):
        call_command("import_content", tmp_path, stdout=StringIO())
    assert not default_storage.exists("page.html")


def test_a_cover_missing_from_the_export_and_the_site_is_a_problem(tmp_path, site_media, db):
    page = tmp_path / "articles" / "post.md"
    page.parent.mkdir()
    page.write_text("---\nkind: article\ntitle: Post\nslug: post\ncover: covers/gone.png\n---\nText.\n")

    with pytest.raises(CommandError, match=rf"^{page}:5: cover image covers/gone.png is neither in"):
        call_command("import_content", tmp_path, stdout=StringIO())
