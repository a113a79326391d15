"""The export format as one .zip file, for the admin's Import and Export screens.

An export folder (export.write) zipped as it is: terms/, articles/, media/. Reading
one back is careful, as the file comes from a browser: only plain files under
relative paths (no absolute path, no `..`, no symbolic link), at most MAX_FILES of
them and MAX_BYTES unpacked, no large one compressed more than MAX_RATIO times (a zip bomb),
and the sizes checked as they are read, not only as the archive claims them.
"""

import stat
import zipfile
from pathlib import Path, PurePosixPath

MAX_FILES = 20_000
MAX_BYTES = 100 * 1024 * 1024  # unpacked
MAX_RATIO = 100  # Markdown compresses about 4 times; a bomb thousands of times
RATIO_FROM = 1024 * 1024  # a small file may compress well (a blank page); it cannot be a bomb
BLOCK = 1 << 16


class Refused(Exception):
    """The archive is not one this site unpacks; nothing of it was kept."""


# --- folder -> zip --------------------------------------------------------------
def write(folder, target):
    """Zip every file under folder into target (a path or a binary file object)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())


# --- zip -> folder --------------------------------------------------------------
def unpack(source, folder):
    """Unpack the zip file `source` (a path or a binary file object) into folder.
    Returns the folder of the export in it: folder itself, or its one top folder
    when the archive holds a zipped export folder. Raises Refused."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(source) as archive:
            members = [member for member in archive.infolist() if not member.is_dir()]
            _check(members)
            total = 0
            for member in members:
                total = _extract(archive, member, folder, total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as error:
        raise Refused(f"This is not a readable .zip file ({error}).") from None
    except RuntimeError as error:  # an encrypted member
        raise Refused(f"This .zip file cannot be read: {error}.") from None
    except FileExistsError as error:
        raise Refused(f"The archive holds {Path(error.filename).name} twice.") from None
    return _export_root(folder)


def _check(members):
    if len(members) > MAX_FILES:
        raise Refused(f"The archive holds {len(members):,} files; at most {MAX_FILES:,} are unpacked.")
    if sum(member.file_size for member in members) > MAX_BYTES:
        raise Refused(f"The archive unpacks to more than {MAX_BYTES // 1024 // 1024} MB.")
    for member in members:
        problem = _member_problem(member)
        if problem:
            raise Refused(f"{member.filename}: {problem}; nothing was unpacked.")


def _member_problem(member):
    name = member.filename
    path = PurePosixPath(name)
    if "\\" in name or "\0" in name or path.is_absolute() or (path.parts and ":" in path.parts[0]):
        return "an absolute or foreign path"
    if ".." in path.parts:
        return "a path that leaves the archive (..)"
    kind = stat.S_IFMT(member.external_attr >> 16)  # 0: the archive does not say (not Unix-made)
    if kind and kind != stat.S_IFREG:
        return "not a plain file (a link or a device)"
    if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * member.compress_size:
        return "compressed beyond any real content file (a zip bomb?)"
    return None


def _extract(archive, member, folder, total):
    """Copy one member, counting what is really read against the limits."""
    target = folder.joinpath(*PurePosixPath(member.filename).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with archive.open(member) as source, target.open("xb") as copy:
        while block := source.read(BLOCK):
            written += len(block)
            total += len(block)
            if written > member.file_size or total > MAX_BYTES:
                raise Refused(f"{member.filename}: unpacks to more than it says; nothing was unpacked.")
            copy.write(block)
    return total


def _export_root(folder):
    """The archive's one top folder, if everything is in it (a zipped export folder)."""
    entries = list(folder.iterdir())
    if len(entries) == 1 and entries[0].is_dir() and not _is_export_folder(folder):
        return entries[0]
    return folder


def _is_export_folder(folder):
    return any((folder / name).is_dir() for name in ("terms", "articles", "media"))


def relative(text, root):
    """Text (a problem, a warning) with the unpacked folder's path taken out, so a
    problem names the file as it is in the archive."""
    return str(text).replace(f"{Path(root)}/", "").replace(str(Path(root)), ".")
