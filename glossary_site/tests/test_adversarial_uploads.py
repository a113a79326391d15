"""Uploads of every kind take one path in (markup/uploads.py): the editor's image, an
article's cover and an import's media are decoded within bounds on pixels and frames,
encoded again without metadata or appended bytes, and named by the site. Imports read
plain files only, and their dry run refuses what the import would (issue 26)."""

import io
import re
import stat
import time
import zipfile
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image

from articles.models import Article
from glossary_site.content.limits import MAX_BODY_CHARS
from glossary_site.exchange import importing
from glossary_site.markup.uploads import MAX_FRAMES, UploadRejected, clean
from glossary_site.testing.images import image_bytes
from terms.models import Term

# One black pixel as GIF image data: LZW code size 2, then clear, 0, end.
_ONE_PIXEL_FRAME = b",\0\0\0\0\1\0\1\0\0" + b"\x02\x02\x44\x01\x00"


def gif_of_frames(frames, width, height):
    """A GIF of `frames` frames on a width × height canvas, each frame one pixel in
    the file: a few bytes on disk, and a whole canvas each to decode."""
    screen = width.to_bytes(2, "little") + height.to_bytes(2, "little") + b"\x80\0\0"
    return b"GIF89a" + screen + b"\0\0\0\xff\xff\xff" + _ONE_PIXEL_FRAME * frames + b";"


def jpeg_with_camera_and_place():
    exif = Image.Exif()
    exif[0x010F] = "SecretCamCo"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 22.0, 1.0)})  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(buffer, format="JPEG", exif=exif, icc_profile=b"private-icc")
    return buffer.getvalue()


def frames_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return getattr(image, "n_frames", 1)


# --- The one path: bounds before decoding ---------------------------------------


def test_a_small_gif_of_many_huge_frames_is_refused_before_its_frames_are_decoded():
    data = gif_of_frames(25, 6000, 6000)
    assert len(data) < 1000  # small on disk: the size limit alone lets it in

    started = time.process_time()
    with pytest.raises(UploadRejected, match=r"The animation is too large: 25 frames of 6000×6000 pixels"):
        clean(data)
    assert time.process_time() - started < 1.0


def test_a_gif_of_more_frames_than_the_bound_is_refused_however_small():
    with pytest.raises(UploadRejected, match=rf"at most {MAX_FRAMES} are accepted"):
        clean(gif_of_frames(MAX_FRAMES + 1, 4, 4))


def test_the_editor_upload_of_a_frame_bomb_answers_400_with_the_reason(staff_client, media_root):
    upload = SimpleUploadedFile("party.gif", gif_of_frames(25, 6000, 6000), "image/gif")
    response = staff_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert "too large: 25 frames" in response.json()["error"]
    assert not (media_root / "uploads").exists()


def test_an_animation_within_the_bounds_stays_animated_without_its_comment():
    frames = [Image.new("RGB", (20, 10), colour) for colour in ("red", "blue", "green")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], comment=b"secret note")
    cleaned = clean(buffer.getvalue())
    assert (cleaned.format, cleaned.width, cleaned.height, frames_of(cleaned.data)) == ("GIF", 20, 10, 3)
    assert b"secret note" not in cleaned.data


def test_a_jpeg_loses_its_camera_gps_and_colour_profile():
    data = jpeg_with_camera_and_place()
    assert b"SecretCamCo" in data and b"private-icc" in data
    cleaned = clean(data)
    with Image.open(io.BytesIO(cleaned.data)) as image:
        assert not image.getexif() and "icc_profile" not in image.info
    assert b"SecretCamCo" not in cleaned.data and b"private-icc" not in cleaned.data


# --- Article covers ------------------------------------------------------------


def _png_with(tail):
    return image_bytes(4, 4) + tail


@pytest.mark.parametrize(
    "name, data, hidden",
    [
        ("poly.pdf", _png_with(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"), b"%PDF"),
        ("cover.png", _png_with(b"<html><script>alert(1)</script></html>"), b"<script"),
    ],
)
def test_a_cover_is_stored_as_an_image_named_by_the_site_without_what_was_appended(
    make_article, media_root, name, data, hidden
):
    article = make_article(cover=SimpleUploadedFile(name, data, "application/pdf"), cover_alt="A square.")

    assert re.fullmatch(r"covers/[0-9a-f]{32}-4x4\.png", article.cover.name), article.cover.name
    stored = (media_root / article.cover.name).read_bytes()
    assert stored.endswith(b"IEND\xaeB`\x82") and hidden not in stored
    assert (article.cover_width, article.cover_height) == (4, 4)
    assert not list(media_root.rglob("*.pdf"))


def test_a_jpeg_cover_loses_its_camera_and_gps(make_article, media_root):
    cover = SimpleUploadedFile("holiday.jpeg", jpeg_with_camera_and_place(), "image/jpeg")
    article = make_article(cover=cover, cover_alt="Teal.")

    assert article.cover.name.endswith("-8x6.jpg")
    stored = (media_root / article.cover.name).read_bytes()
    assert b"SecretCamCo" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_a_refused_cover_keeps_what_the_editor_typed(admin_client, media_root):
    now = timezone.now()
    form = {
        "title": "Typed title",
        "slug": "typed-title",
        "summary": "Typed summary.",
        "body": "Typed body, every word of it.",
        "status": "draft",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "cover_alt": "Typed alt text.",
        "cover": SimpleUploadedFile("party.gif", gif_of_frames(25, 6000, 6000), "image/gif"),
    }
    response = admin_client.post("/admin/articles/article/add/", form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "The animation is too large: 25 frames" in page
    for typed in ("Typed title", "Typed summary.", "Typed body, every word of it.", "Typed alt text."):
        assert typed in page
    assert not Article.objects.exists() and not (media_root / "covers").exists()


# --- Imports ----------------------------------------------------------------------

TERM = "---\nkind: term\ntitle: {title}\nslug: {slug}\nstatus: draft\n---\n{body}\n"


def _export(tmp_path, body="Text."):
    folder = tmp_path / "export"
    (folder / "terms").mkdir(parents=True)
    (folder / "terms" / "ledger.md").write_text(TERM.format(title="Ledger", slug="ledger", body=body))
    return folder


def test_an_import_refuses_a_symbolic_link_to_a_content_file(tmp_path, media_root, db):
    folder = _export(tmp_path)
    secret = tmp_path / "elsewhere.md"
    secret.write_text(TERM.format(title="Secret", slug="secret", body="Not for import."))
    (folder / "terms" / "secret.md").symlink_to(secret)

    with pytest.raises(CommandError, match=r"terms/secret\.md:1: a symbolic link"):
        call_command("import_content", folder, stdout=StringIO())
    assert not Term.objects.exists()


def test_an_import_refuses_a_symbolic_link_to_a_folder_of_content(tmp_path, media_root, db):
    folder = _export(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "hidden.md").write_text(TERM.format(title="Hidden", slug="hidden", body="x"))
    (folder / "terms" / "more").symlink_to(other, target_is_directory=True)

    with pytest.raises(CommandError, match=r"terms/more:1: a symbolic link"):
        call_command("import_content", folder, stdout=StringIO())
    assert not Term.objects.exists()


def test_an_import_refuses_a_symbolic_link_among_its_media(tmp_path, media_root, db):
    folder = _export(tmp_path, body="![a](/media/uploads/key-8x6.png)")
    (folder / "media" / "uploads").mkdir(parents=True)
    real = tmp_path / "key.png"
    real.write_bytes(image_bytes())
    (folder / "media" / "uploads" / "key-8x6.png").symlink_to(real)

    with pytest.raises(CommandError, match=r"ledger\.md:7: media/uploads/key-8x6\.png is a symbolic link"):
        call_command("import_content", folder, stdout=StringIO())
    assert not default_storage.exists("uploads/key-8x6.png") and not Term.objects.exists()


def test_an_uploaded_archive_with_a_symbolic_link_is_refused_naming_it(admin_user, db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("terms/ledger.md", TERM.format(title="Ledger", slug="ledger", body="x"))
        link = zipfile.ZipInfo("terms/passwd.md")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")

    row = importing.start("site.zip", buffer.getvalue(), admin_user)

    assert row.state == importing.State.REFUSED
    assert row.report["problems"] == [
        "terms/passwd.md: not a plain file (a link or a device); nothing was unpacked."
    ]


def test_imported_media_are_encoded_again_without_their_metadata(tmp_path, media_root, db):
    folder = _export(tmp_path, body="![a](/media/uploads/trip-8x6.jpg)")
    (folder / "media" / "uploads").mkdir(parents=True)
    (folder / "media" / "uploads" / "trip-8x6.jpg").write_bytes(jpeg_with_camera_and_place())

    call_command("import_content", folder, stdout=StringIO())

    stored = default_storage.open("uploads/trip-8x6.jpg").read()
    assert b"SecretCamCo" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and not image.getexif()


# --- The dry run checks what the import checks -------------------------------------


def test_the_dry_run_refuses_a_body_over_the_limit_naming_the_file(tmp_path, media_root, db):
    folder = _export(tmp_path, body="word " * (MAX_BODY_CHARS // 5 + 10))

    with pytest.raises(CommandError, match=r"terms/ledger\.md:7: The text is [\d,]+ characters long"):
        call_command("import_content", folder, "--dry-run", stdout=StringIO())


def test_the_admin_dry_run_reports_a_body_too_deeply_nested_as_a_problem_of_its_file(admin_user, db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("terms/deep.md", TERM.format(title="Deep", slug="deep", body="> " * 40 + "x"))

    row = importing.start("site.zip", buffer.getvalue(), admin_user)

    assert row.state == importing.State.REFUSED
    [problem] = row.report["problems"]
    assert problem.startswith("terms/deep.md:7: Line 1 is nested more than")


def test_the_same_export_imported_twice_finds_its_encoded_media_the_same(tmp_path, media_root, db):
    folder = _export(tmp_path, body="![a](/media/uploads/trip-8x6.jpg)")
    (folder / "media" / "uploads").mkdir(parents=True)
    (folder / "media" / "uploads" / "trip-8x6.jpg").write_bytes(jpeg_with_camera_and_place())

    call_command("import_content", folder, stdout=StringIO())
    again = StringIO()
    call_command("import_content", folder, stdout=again)

    assert "0 created, 0 changed, 1 unchanged" in again.getvalue()
