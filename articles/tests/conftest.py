"""Blog-only fixtures: tags, authors and real images for covers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Author, Tag
from glossary_site.testing.images import image_bytes


@pytest.fixture
def make_tag(db):
    def make(name, **fields):
        fields.setdefault("slug", name.lower().replace(" ", "-"))
        return Tag.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_author(db):
    def make(name, **fields):
        fields.setdefault("slug", name.lower().replace(" ", "-"))
        return Author.objects.create(name=name, **fields)

    return make


@pytest.fixture
def cover_upload(settings, tmp_path):
    """An uploaded 8×6 PNG; stored in a temporary media folder if saved."""
    settings.MEDIA_ROOT = tmp_path

    def upload(name="cover.png", content=None):
        return SimpleUploadedFile(name, image_bytes() if content is None else content, "image/png")

    return upload
