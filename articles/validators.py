"""The cover image check: the same rules as images uploaded in the Markdown editor."""

from django.core.exceptions import ValidationError

from glossary_site.markup.uploads import UploadRejected, check_header, check_size, decode


def validate_cover_image(value):
    """Refuse anything that is not a real PNG, JPEG, WebP or GIF within the size limits.

    A renamed script or HTML page is refused even with an image extension: the
    bytes are decoded, not the name trusted."""
    # A cover already in storage was checked when it was uploaded; reading it back
    # (perhaps from S3) on every later save would only repeat that.
    if getattr(value, "_committed", False):
        return
    try:
        check_size(value.size)
    except UploadRejected as rejected:
        raise ValidationError(str(rejected), code="too_large") from None
    value.seek(0)
    data = value.read()
    value.seek(0)
    try:
        check_header(data)
        # The header alone can be faked; decoding the pixels cannot.
        decode(data).close()
    except UploadRejected as rejected:
        # Not "invalid_image": a ModelForm would show its own vaguer message for that code.
        raise ValidationError(str(rejected), code="rejected_image") from None
