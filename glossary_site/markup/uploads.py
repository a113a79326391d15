"""Image uploads: accept only real PNG, JPEG, WebP and GIF images.

The file is decoded by Pillow (so a renamed script or HTML file is refused),
re-encoded (which drops metadata such as GPS positions) and saved under a random
name with the extension of its real format.
"""

import io
import mimetypes
import re
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000


NOT_AN_IMAGE = "This file is not a readable PNG, JPEG, WebP or GIF image."
DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


class UploadRejected(Exception):
    """The reason, in words an editor understands."""


def check_size(size):
    """Refuse a file over settings.UPLOAD_MAX_BYTES before reading it."""
    if size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise UploadRejected(f"The image is larger than {limit} MB.")


def check_header(data):
    """Refuse a file by its real format and size before decoding its pixels."""
    try:
        with Image.open(io.BytesIO(data)) as header:
            fmt, (width, height) = header.format, header.size
    except DECODE_ERRORS:
        raise UploadRejected(NOT_AN_IMAGE) from None
    if fmt not in settings.UPLOAD_IMAGE_FORMATS:
        raise UploadRejected("Only PNG, JPEG, WebP and GIF images can be uploaded.")
    if width * height > MAX_PIXELS:
        raise UploadRejected("The image has more than 40 megapixels.")
    return fmt


def decode(data):
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except DECODE_ERRORS:
        raise UploadRejected(NOT_AN_IMAGE) from None
    return image


def check_named_file(data, name):
    """The upload checks for a file that arrives with its name (an import), kept
    as it is: a real image within the limits, whose name says its real type, as
    the name is what it is served as."""
    check_size(len(data))
    fmt = check_header(data)
    decode(data).close()
    if mimetypes.guess_type(name)[0] != Image.MIME[fmt]:
        raise UploadRejected(f"The file is a {fmt} image, but its name says otherwise.")
    return fmt


def _reencode(image, fmt):
    buffer = io.BytesIO()
    animated = getattr(image, "n_frames", 1) > 1 and fmt in {"GIF", "WEBP"}
    if fmt == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    image.save(buffer, format=fmt, save_all=animated)
    return buffer.getvalue()


def store_image(upload):
    """Check, clean and store an uploaded image; return its public URL."""
    check_size(upload.size)
    data = upload.read()
    fmt = check_header(data)
    image = decode(data)
    cleaned = _reencode(image, fmt)
    # The size in the name: the renderer gives the page's <img> its width and height
    # from the URL alone, with no storage read (which on S3 is a network call).
    width, height = image.size
    name = f"uploads/{uuid.uuid4().hex}-{width}x{height}.{settings.UPLOAD_IMAGE_FORMATS[fmt]}"
    stored = default_storage.save(name, ContentFile(cleaned))
    from glossary_site.markup import images  # imports models: not at this module's import

    images.enqueue(stored)  # the WebP versions, by the background worker
    return default_storage.url(stored)


_SIZED_NAME = re.compile(r"-(\d{1,5})x(\d{1,5})\.[a-z]+$")


def image_size(url):
    """(width, height) of an image uploaded here, from its URL; None for any other.

    Uploads named before sizes went into names are opened (headers only)."""
    if not url.startswith(settings.MEDIA_URL + "uploads/"):
        return None
    name = url.removeprefix(settings.MEDIA_URL)
    if sized := _SIZED_NAME.search(name):
        return int(sized[1]), int(sized[2])
    try:
        with default_storage.open(name) as file, Image.open(file) as header:
            return header.size
    except (*DECODE_ERRORS, ValueError):
        return None
