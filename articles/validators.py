"""The cover image check: the one path every image takes in (markup/uploads.py)."""

from django.core.exceptions import ValidationError

from glossary_site.markup.uploads import UploadRejected, check_size, clean


def validate_cover_image(value):
    """Refuse anything that is not a real PNG, JPEG, WebP or GIF within the size limits.

    A renamed script or HTML page is refused even with an image extension: the
    bytes are decoded, not the name trusted. The file is encoded again and named
    when it is stored (CleanedImageField); this tells the editor why it cannot be."""
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
        clean(data)
    except UploadRejected as rejected:
        # Not "invalid_image": a ModelForm would show its own vaguer message for that code.
        raise ValidationError(str(rejected), code="rejected_image") from None
