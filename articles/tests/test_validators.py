"""The cover image check refuses what is not a real image, by its bytes."""

import pytest
from django.core.exceptions import ValidationError

from articles.validators import validate_cover_image
from glossary_site.markup.uploads import NOT_AN_IMAGE
from glossary_site.testing.images import image_bytes


def test_a_real_png_is_accepted(cover_upload):
    validate_cover_image(cover_upload())


def test_an_html_page_named_like_an_image_is_refused(cover_upload):
    with pytest.raises(ValidationError) as error:
        validate_cover_image(cover_upload("cover.png", b"<html><script>alert(1)</script></html>"))
    assert error.value.messages == [NOT_AN_IMAGE]


def test_an_image_cut_short_after_a_valid_header_is_refused(cover_upload):
    data = image_bytes(200, 200)
    with pytest.raises(ValidationError) as error:
        validate_cover_image(cover_upload("cover.png", data[: len(data) // 2]))
    assert error.value.messages == [NOT_AN_IMAGE]


def test_a_format_outside_the_allowed_four_is_refused(cover_upload):
    with pytest.raises(ValidationError) as error:
        validate_cover_image(cover_upload("cover.bmp", image_bytes(fmt="BMP")))
    assert error.value.messages == ["Only PNG, JPEG, WebP and GIF images can be uploaded."]


def test_an_image_over_the_upload_limit_is_refused(cover_upload, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as error:
        validate_cover_image(cover_upload("big.png", b"\x89PNG" + b"0" * settings.UPLOAD_MAX_BYTES))
    assert error.value.messages == ["The image is larger than 1 MB."]


def test_the_check_leaves_the_file_ready_to_be_stored(cover_upload):
    upload = cover_upload()
    validate_cover_image(upload)
    assert upload.read() == image_bytes()
