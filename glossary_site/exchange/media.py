"""The uploaded files content uses, carried along with an export.

Bodies use uploads through image links to MEDIA_URL paths (`![alt](/media/uploads/…)`,
or `<img src=…>`), and a kind may use more (an article's cover: RecordFormat.media).
export_content copies each into the export's `media/` folder (beside a CSV file),
under its name in storage; import_content takes each file it brings through the
one path every upload takes (markup/uploads.py: a real image within the bounds,
encoded again, so no metadata comes along), checks its name says its type, and
stores it under that name, so bodies and covers need no rewriting. A symbolic link
is refused, whatever it points at: the import reads the files it was given.
"""

import re
import shutil
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from glossary_site.content import registry
from glossary_site.markup import images
from glossary_site.markup.uploads import UploadRejected, clean_named

FOLDER = "media"


def folder_of(path, is_csv):
    """The media folder of an export: DIR/media, or media/ beside a CSV file."""
    return (path.parent if is_csv else path) / FOLDER


def body_uses(body):
    """{name in storage: "body"} of the uploaded files a body uses."""
    pattern = re.compile(r"(?<![\w/.])" + re.escape(settings.MEDIA_URL) + r"([\w./-]+)")
    return {match[1].rstrip("."): "body" for match in pattern.finditer(body or "")}


def used(record, in_body=None):
    """{name in storage: the record key that uses it ("body", "cover")}. in_body:
    body_uses() of the record's body, noted before the body was set aside."""
    names = body_uses(record["body"]) if in_body is None else in_body
    kind_media = registry.get(record["kind"]).record.media(record)
    return names | {name: key for key, name in kind_media.items() if name}


def _safe(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


# --- export -------------------------------------------------------------------------
def export(records, folder):
    """Copy every stored file the records use into folder; return the names not in storage."""
    missing = []
    for name in sorted({name for record in records for name in used(record) if _safe(name)}):
        if not default_storage.exists(name):
            missing.append(name)
            continue
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name) as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
    return missing


# --- import -------------------------------------------------------------------------
class Media:
    """What an import's files need from the media folder: problems, warnings, and
    the files to store before the items are saved."""

    def __init__(self, folder):
        self.folder, self.problems, self.warnings, self.to_store = folder, [], [], {}

    def check(self, content):
        for name, key in used(content.record, content.body_uses).items():
            problem = self._problem(name, key)
            if problem:
                self.problems.append(content.error(key, problem))

    def _problem(self, name, key):
        if not _safe(name):
            return f"media path {name} leaves the media folder"
        source, stored = self.folder / name, default_storage.exists(name)
        if linked(self.folder, name):
            return f"{FOLDER}/{name} is a symbolic link: an import reads plain files only"
        if source.is_file():
            if stored and not self._same_as_stored(source, name):
                return f"{FOLDER}/{name} differs from the file of that name already in the media storage"
            if not stored and name not in self.to_store:
                try:
                    clean_named(source.read_bytes(), name)
                except (UploadRejected, OSError) as rejected:
                    return f"{FOLDER}/{name}: {rejected}"
                self.to_store[name] = source
        elif not stored:
            if key != "body":
                return f"{key} image {name} is neither in {self.folder} nor in the media storage"
            # As broken as it was on the site it came from: the body is imported as it is.
            self.warnings.append(f"{name}: used by a body, neither in {self.folder} nor in storage")
        return None

    @staticmethod
    def _same_as_stored(source, name):
        """Whether the file is the one stored under its name: as it is (an export of
        this site), or as the import stored it (encoded again, as an earlier import of
        the same export did)."""
        size = default_storage.size(name)
        if size == source.stat().st_size:
            return True
        try:
            return len(clean_named(source.read_bytes(), name).data) == size
        except (UploadRejected, OSError):
            return False

    def store(self, stored):
        """Store the checked files, appending each name to `stored` (to remove them
        again if the import fails)."""
        for name, source in sorted(self.to_store.items()):
            # Cleaned again rather than held from the check: an import's media need not fit in memory.
            try:
                cleaned = clean_named(source.read_bytes(), name)
            except UploadRejected as rejected:
                raise OSError(f"{FOLDER}/{name}: {rejected}") from None
            saved = default_storage.save(name, ContentFile(cleaned.data))
            stored.append(saved)
            if saved != name:
                raise OSError(f"{name} was taken in the media storage during the import")
            images.enqueue(saved)  # its WebP versions, once the import commits


def linked(folder, name):
    """Whether the file `name` under folder, or a folder on the way to it, is a symbolic link."""
    path = folder
    for part in PurePosixPath(name).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def remove(names):
    """Undo store(): files of an import that did not happen."""
    for name in names:
        default_storage.delete(name)
