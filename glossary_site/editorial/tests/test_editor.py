"""The staff-only preview and upload endpoints that replace markdownx's own."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from glossary_site.markup.markdown import render

PREVIEW = "/markdownx/markdownify/"
UPLOAD = "/markdownx/upload/"


def image_bytes(fmt, size=(8, 8), **save_args):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt, **save_args)
    return buffer.getvalue()


def upload(client, name, data, content_type="image/png"):
    return client.post(UPLOAD, {"image": SimpleUploadedFile(name, data, content_type=content_type)})


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_anonymous_requests_to_editor_endpoints_are_refused(db, client, url):
    response = client.post(url, {"content": "<script>alert(1)</script>"})
    assert response.status_code == 403
    assert "staff" in response.json()["error"]


def test_logged_in_non_staff_user_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert client.post(PREVIEW, {"content": "x"}).status_code == 403


def test_preview_for_staff_is_the_sanitised_page_html(staff_client):
    response = staff_client.post(PREVIEW, {"content": "## Hi\n\n<script>alert(1)</script><b onclick=x>b</b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="hi">Hi <a class="heading-anchor"' in html
    assert "<script" not in html and "onclick" not in html


def test_preview_answers_get_with_405(staff_client):
    assert staff_client.get(PREVIEW).status_code == 405


def test_a_real_png_is_stored_under_a_random_name(staff_client, media_root):
    response = upload(staff_client, "../../evil name.png", image_bytes("PNG"))
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![Describe this image](/media/uploads/") and code.endswith(".png)")
    assert "evil" not in code
    stored = list((media_root / "uploads").iterdir())
    assert len(stored) == 1
    assert Image.open(stored[0]).format == "PNG"


@pytest.mark.parametrize(("fmt", "ext"), [("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")])
def test_jpeg_webp_and_gif_are_accepted_with_their_real_extension(staff_client, fmt, ext):
    response = upload(staff_client, "photo.png", image_bytes(fmt))
    assert response.status_code == 200
    assert response.json()["image_code"].endswith(f".{ext})")


def test_uploaded_jpeg_loses_its_metadata(staff_client, media_root):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker that leaks"
    response = upload(staff_client, "p.jpg", image_bytes("JPEG", exif=exif.tobytes()), "image/jpeg")
    assert response.status_code == 200
    stored = next((media_root / "uploads").iterdir())
    assert b"Camera maker" not in stored.read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("script.png", b"<script>alert(1)</script>", "image/png"),
        ("page.html", b"<html><body>hi</body></html>", "text/html"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
        ("broken.png", image_bytes("PNG")[:40], "image/png"),
    ],
)
def test_files_that_are_not_real_images_get_a_clear_400(staff_client, media_root, name, data, content_type):
    response = upload(staff_client, name, data, content_type)
    assert response.status_code == 400
    assert "PNG, JPEG, WebP or GIF" in response.json()["error"]
    assert not (media_root / "uploads").exists()


def test_other_image_formats_are_refused(staff_client):
    response = upload(staff_client, "x.bmp", image_bytes("BMP"), "image/bmp")
    assert response.status_code == 400
    assert response.json()["error"] == "Only PNG, JPEG, WebP and GIF images can be uploaded."


def test_images_over_five_megabytes_are_refused(staff_client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = upload(staff_client, "big.png", image_bytes("PNG", size=(64, 64)))
    assert response.status_code == 400
    assert "larger than" in response.json()["error"]


def test_an_upload_without_a_file_is_a_400(staff_client):
    response = staff_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert response.json()["error"] == "No image was sent."


def test_images_over_forty_megapixels_are_refused_before_decoding(staff_client):
    buffer = io.BytesIO()
    Image.new("1", (8000, 5001)).save(buffer, format="PNG")
    response = upload(staff_client, "huge.png", buffer.getvalue())
    assert response.status_code == 400
    assert response.json()["error"] == "The image has more than 40 megapixels."


def test_an_uploaded_image_shows_in_the_page_with_its_size_and_loads_lazily(staff_client, make_term, client):
    code = upload(staff_client, "chart.png", image_bytes("PNG", size=(64, 48))).json()["image_code"]
    term = make_term(
        title="Chart", slug="chart", body=f"Before.\n\n{code.replace('Describe this image', 'A chart')}"
    )
    html = client.get(term.get_absolute_url()).content.decode()
    image = BeautifulSoup(html, "html.parser").select_one(".prose img")
    assert image["alt"] == "A chart"
    assert (image["width"], image["height"]) == ("64", "48")
    assert (image["loading"], image["decoding"]) == ("lazy", "async")


def test_an_upload_named_without_its_size_is_measured_from_the_file(media_root):
    (media_root / "uploads").mkdir()
    Image.new("RGB", (30, 20)).save(media_root / "uploads" / "old.png")
    html = render("![Old](/media/uploads/old.png)")
    old = BeautifulSoup(html, "html.parser").find("img")
    assert (old["width"], old["height"]) == ("30", "20")


def test_preview_links_terms_as_the_saved_page_does(staff_client, make_term):
    make_term(title="API", slug="api", summary="How programs talk.")
    html = staff_client.post(PREVIEW, {"content": "Every API call counts."}).content.decode()
    assert '<a class="term-link" href="/glossary/api/"' in html


def test_a_terms_preview_never_links_the_term_to_itself(staff_client, make_term):
    api = make_term(title="API", slug="api", summary="How programs talk.")
    html = staff_client.post(f"{PREVIEW}?own_term={api.pk}", {"content": "An API is a contract."}).content
    assert b"term-link" not in html
    assert b"term-link" in staff_client.post(f"{PREVIEW}?own_term=nonsense", {"content": "An API."}).content
