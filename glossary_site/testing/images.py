"""Small real images for uploads."""

import io

from PIL import Image


def image_bytes(width=8, height=6, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format=fmt)
    return buffer.getvalue()
