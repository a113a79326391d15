"""Reading an uploaded .zip: only plain files under relative paths, within limits
checked as the bytes are read; a zipped export folder found inside its top folder."""

import io
import stat
import zipfile

import pytest

from glossary_site.exchange import archive


def zip_of(files, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as made:
        for name, data in files.items():  # a name, or a ZipInfo with its own attributes
            made.writestr(name, data)
    buffer.seek(0)
    return buffer


def symlink(name, target):
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zip_of({info: target})


def test_an_export_unpacks_as_it_was_written(tmp_path):
    source = tmp_path / "export"
    (source / "terms").mkdir(parents=True)
    (source / "terms" / "api.md").write_text("---\ntitle: API\n---\nText.\n")
    (source / "media" / "uploads").mkdir(parents=True)
    (source / "media" / "uploads" / "a.png").write_bytes(b"\x89PNG")
    written = io.BytesIO()
    archive.write(source, written)
    written.seek(0)

    root = archive.unpack(written, tmp_path / "out")

    assert root == tmp_path / "out"
    assert (root / "terms" / "api.md").read_text() == "---\ntitle: API\n---\nText.\n"
    assert (root / "media" / "uploads" / "a.png").read_bytes() == b"\x89PNG"


def test_a_zipped_export_folder_is_read_inside_its_top_folder(tmp_path):
    root = archive.unpack(zip_of({"my-export/terms/api.md": "x", "my-export/articles/a.md": "y"}), tmp_path)

    assert root == tmp_path / "my-export"


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"../evil.md": "x"}, "../evil.md: a path that leaves the archive (..)"),
        ({"terms/../../evil.md": "x"}, "a path that leaves the archive (..)"),
        ({"/etc/evil.md": "x"}, "/etc/evil.md: an absolute or foreign path"),
        ({"C:/evil.md": "x"}, "an absolute or foreign path"),
        ({"terms\\..\\evil.md": "x"}, "an absolute or foreign path"),
    ],
)
def test_paths_outside_the_folder_are_refused_before_anything_is_unpacked(tmp_path, files, problem):
    folder = tmp_path / "out"
    with pytest.raises(archive.Refused, match=problem.replace("(", r"\(").replace(")", r"\)")):
        archive.unpack(zip_of({"terms/fine.md": "x", **files}), folder)
    assert not any(folder.rglob("*.md")) and not (tmp_path / "evil.md").exists()


def test_a_symbolic_link_is_refused(tmp_path):
    with pytest.raises(archive.Refused, match="not a plain file"):
        archive.unpack(symlink("terms/link.md", "/etc/passwd"), tmp_path / "out")


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path):
    bomb = zip_of({"terms/zeros.md": b"\0" * (20 * 1024 * 1024)})

    with pytest.raises(archive.Refused, match="zip bomb"):
        archive.unpack(bomb, tmp_path / "out")
    assert not (tmp_path / "out" / "terms" / "zeros.md").exists()


def test_too_many_files_or_bytes_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_FILES", 2)
    with pytest.raises(archive.Refused, match="holds 3 files; at most 2"):
        archive.unpack(zip_of({f"terms/{n}.md": "x" for n in range(3)}), tmp_path / "a")

    monkeypatch.setattr(archive, "MAX_FILES", 100)
    monkeypatch.setattr(archive, "MAX_BYTES", 10)
    with pytest.raises(archive.Refused, match="unpacks to more than"):
        archive.unpack(zip_of({"terms/a.md": "x" * 11}), tmp_path / "b")


def test_a_member_larger_than_it_claims_is_stopped_while_it_is_read(tmp_path):
    data = zip_of({"terms/a.md": "short"}, compression=zipfile.ZIP_STORED).getvalue()
    # Claim 2 bytes in both headers; the stored data is 5.
    lied = data.replace((5).to_bytes(4, "little") * 2, (2).to_bytes(4, "little") * 2)
    assert lied != data

    with pytest.raises(archive.Refused):
        archive.unpack(io.BytesIO(lied), tmp_path / "out")


def test_something_else_than_a_zip_is_refused(tmp_path):
    with pytest.raises(archive.Refused, match="not a readable .zip file"):
        archive.unpack(io.BytesIO(b"plain text"), tmp_path / "out")


def test_relative_takes_the_unpacked_folder_out_of_a_problem(tmp_path):
    text = f"{tmp_path}/terms/a.md:3: missing title; see {tmp_path}"
    assert archive.relative(text, tmp_path) == "terms/a.md:3: missing title; see ."
