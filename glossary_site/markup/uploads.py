"""Image uploads: the one path every image takes in, whoever brings it (the editor's
upload in the Markdown editor, an article's cover, an import's media files).

`clean` reads the header first and refuses a file by its real format, its size on
disk, its pixels a frame, its frame count and its pixels over every frame, all
before a pixel is decoded: a GIF of a few hundred KB can hold dozens of frames of
36 megapixels each, and decoding them ties a worker up for a minute. Within those
bounds it decodes every frame (so a renamed script, HTML page or PDF is refused),
and encodes them again in the same format, which keeps nothing but the pixels: no
EXIF (camera, GPS), no ICC profile or text chunks, no bytes appended after the image.
An animation within the bounds stays animated, as the editor meant it; one beyond
them is refused with the reason rather than cut to its first frame, which would
show the reader something the editor never chose.

The stored file is named here too, never by the client: a random name with the
extension of the format written, and the size, which the renderer reads back
from the URL (image_size).
"""

import io
import mimetypes
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from PIL import Image, ImageSequence, JpegImagePlugin, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # in one frame
MAX_FRAMES = 300
# Decoded pixels over every frame of an animation: what decoding and encoding it
# again costs a worker, in time and memory (four bytes a pixel).
MAX_TOTAL_PIXELS = 60_000_000

NOT_AN_IMAGE = "This file is not a readable PNG, JPEG, WebP or GIF image."
DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)
# What an encoder needs of a frame's info to show it as it was; the rest (exif,
# icc_profile, comment, text chunks, dpi, xmp) is left behind.
_KEPT_INFO = ("transparency", "duration", "loop", "disposal", "background")


class UploadRejected(Exception):
    """The reason, in words an editor understands."""


@dataclass(frozen=True)
class Cleaned:
    """An image encoded again from its pixels alone."""

    data: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return settings.UPLOAD_IMAGE_FORMATS[self.format]

    def new_name(self):
        """A name of our own: random, the size, the extension of what was written."""
        return f"{uuid.uuid4().hex}-{self.width}x{self.height}.{self.extension}"


def check_size(size):
    """Refuse a file over settings.UPLOAD_MAX_BYTES before reading it."""
    if size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise UploadRejected(f"The image is larger than {limit} MB.")


def check_header(data):
    """Refuse a file by its real format, size and frames before decoding its pixels.
    Returns (format, frame count)."""
    try:
        with Image.open(io.BytesIO(data)) as header:
            fmt, (width, height) = header.format, header.size
            # Counted from the file's blocks: no frame is decoded to count them.
            frames = getattr(header, "n_frames", 1) if fmt in settings.UPLOAD_IMAGE_FORMATS else 1
    except DECODE_ERRORS:
        raise UploadRejected(NOT_AN_IMAGE) from None
    if fmt not in settings.UPLOAD_IMAGE_FORMATS:
        raise UploadRejected("Only PNG, JPEG, WebP and GIF images can be uploaded.")
    if width * height > MAX_PIXELS:
        raise UploadRejected(f"The image has more than {MAX_PIXELS // 1_000_000} megapixels.")
    if frames > MAX_FRAMES:
        raise UploadRejected(f"The animation has {frames:,} frames; at most {MAX_FRAMES} are accepted.")
    if width * height * frames > MAX_TOTAL_PIXELS:
        raise UploadRejected(
            f"The animation is too large: {frames} frames of {width}×{height} pixels. Make it "
            f"smaller or shorter (at most {MAX_TOTAL_PIXELS // 1_000_000} megapixels over all frames)."
        )
    return fmt, frames


def clean(data):
    """Check an image's bytes and encode it again: the one path in. Raises UploadRejected."""
    check_size(len(data))
    fmt, frames = check_header(data)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            encoded = _encode(image, fmt, frames)
            width, height = image.size
    except DECODE_ERRORS:
        raise UploadRejected(NOT_AN_IMAGE) from None
    return Cleaned(encoded, fmt, width, height)


def _bare(frame, fmt):
    """A copy of one decoded frame with nothing but what shows it."""
    copy = frame.copy()
    if fmt == "JPEG" and copy.mode not in {"RGB", "L"}:
        copy = copy.convert("RGB")
    copy.info = {key: frame.info[key] for key in _KEPT_INFO if key in frame.info}
    return copy


def _encode(image, fmt, frames):
    buffer = io.BytesIO()
    if frames > 1 and fmt in {"GIF", "WEBP", "PNG"}:
        stills = [_bare(frame, fmt) for frame in ImageSequence.Iterator(image)]
        durations = [still.info.get("duration", 100) for still in stills]
        stills[0].save(
            buffer,
            format=fmt,
            save_all=True,
            append_images=stills[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
        )
    else:
        _bare(image, fmt).save(buffer, format=fmt, **_same_quality(image))
    return buffer.getvalue()


def _same_quality(image):
    """A JPEG's own quantisation tables and subsampling, so encoding it again (on
    upload, and on every import of an export) loses as little as it can."""
    if image.format != "JPEG" or image.mode not in {"RGB", "L"}:
        return {}
    return {"qtables": image.quantization, "subsampling": JpegImagePlugin.get_sampling(image)}


def clean_named(data, name):
    """The one path for a file that arrives with its name (an import), which bodies
    use and so is kept: as clean(), and the name must say the real type, as the name
    is what the file is served as."""
    cleaned = clean(data)
    if mimetypes.guess_type(name)[0] != Image.MIME[cleaned.format]:
        raise UploadRejected(f"The file is a {cleaned.format} image, but its name says otherwise.")
    return cleaned


def store(data, folder="uploads"):
    """Clean and store an image under a name of our own; its name in storage."""
    cleaned = clean(data)
    stored = default_storage.save(f"{folder}/{cleaned.new_name()}", ContentFile(cleaned.data))
    from glossary_site.markup import images  # imports models: not at this module's import

    images.enqueue(stored)  # the WebP versions, by the background worker
    return stored


def store_image(upload):
    """Check, clean and store an image uploaded in the editor; return its public URL."""
    check_size(upload.size)
    return default_storage.url(store(upload.read()))


class CleanedImageField(models.ImageField):
    """An ImageField whose new files take the one path in (clean) and a name of
    our own: a file is never stored as the client sent it or named it."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.seek(0)
            cleaned = clean(file.read())
            # upload_to is the folder; the name given here replaces the client's.
            file.save(cleaned.new_name(), ContentFile(cleaned.data), save=False)
            # Saving sets the field to the new name before the file behind it is
            # readable through it, so the sizes it read then are read again.
            self.update_dimension_fields(model_instance, force=True)
        return super().pre_save(model_instance, add)


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
