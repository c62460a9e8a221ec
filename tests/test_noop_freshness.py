"""A no-op build reuses the hashes of files whose stat is unchanged (engine/file_hashes.py);
an edit that keeps the size and sets the modification time back, a tool upgrade, and an
output altered after it was written are still seen and rebuilt."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from build_tools.engine import file_hashes
from build_tools.engine.file_hashes import CACHE_FILE, SETTLED_NS, FileHashes
from build_tools.engine.state import _installed_versions
from tests.project_copy import SELECTION, clone, first_msgstr, invoke
from tests.test_engine import built


def edit_keeping_size_and_time(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` by `new` (of the same length) and set the times back, as a copy
    that keeps times or `touch -d` would: only the change time (ctime) shows the edit."""
    assert len(old) == len(new)
    before = path.stat()
    data = path.read_bytes()
    assert old in data, f"{old!r} not in {path}"
    time.sleep(0.05)  # past the clock tick of the last write, so that ctime moves on
    path.write_bytes(data.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash as if the files had been written long ago (their hashes are kept)."""
    now = time.time_ns()
    monkeypatch.setattr(file_hashes.time, "time_ns", lambda: now + 10 * SETTLED_NS)


def test_a_settled_file_edited_with_its_size_and_time_kept_is_hashed_again(tmp_path, monkeypatch):
    later(monkeypatch)
    path = tmp_path / "chapter.rst"
    path.write_bytes(b"Viestinta on kaikkien tyota.\n")
    hashes = FileHashes(tmp_path)
    first = hashes.digest(path)
    hashes.save()
    cached = FileHashes(tmp_path)
    assert cached.digest(path) == first
    edit_keeping_size_and_time(path, b"kaikkien", b"KAIKKIEN")
    assert FileHashes(tmp_path).digest(path) != first
    assert cached.digest(path) != first  # the instance that saw the old stat, too


def test_a_hash_taken_right_after_a_write_is_not_kept(tmp_path):
    """Two writes within one tick of the file system's clock can leave the same stat;
    a file hashed that soon is read again next time."""
    path = tmp_path / "chapter.rst"
    path.write_bytes(b"one\n")
    hashes = FileHashes(tmp_path)
    hashes.digest(path)
    hashes.save()
    stored = json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))
    assert str(path) not in stored["files"]


def test_an_installed_upgrade_changes_the_tool_versions(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    (site / "handbooktool-1.0.dist-info").mkdir(parents=True)
    (site / "handbooktool-1.0.dist-info/METADATA").write_text(
        "Metadata-Version: 2.1\nName: handbooktool\nVersion: 1.0\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(site)])
    hashes = FileHashes(tmp_path)
    assert _installed_versions(("handbooktool",), hashes) == "handbooktool=1.0"
    time.sleep(0.05)  # the folder's modification time moves on with the upgrade
    (site / "handbooktool-1.0.dist-info").rename(site / "handbooktool-2.0.dist-info")
    (site / "handbooktool-2.0.dist-info/METADATA").write_text(
        "Metadata-Version: 2.1\nName: handbooktool\nVersion: 2.0\n", encoding="utf-8")
    assert _installed_versions(("handbooktool",), hashes) == "handbooktool=2.0"


@pytest.fixture
def settled(built_project, tmp_path):
    """A clone whose no-op build has recorded the hashes of its inputs and outputs."""
    project = clone(built_project, tmp_path / "project")
    time.sleep(SETTLED_NS / 1e9 + 0.5)  # the copies' change times must be that old
    result = invoke(project, "build", *SELECTION)
    assert result.returncode == 0, result.stderr
    assert built(result) == set(), result.stdout
    return project


def recorded(project: Path) -> dict:
    return json.loads((project / "build" / CACHE_FILE).read_text(encoding="utf-8"))["files"]


def test_a_catalog_edit_that_keeps_size_and_time_rebuilds_its_language(settled):
    catalog = settled / "locale/sv/LC_MESSAGES/strategia.po"
    assert str(catalog) in recorded(settled)  # the known-bad case: a cached hash exists
    line = first_msgstr(catalog).encode()
    edit_keeping_size_and_time(catalog, line, line[:-2] + b"X" + line[-1:])
    result = invoke(settled, "build", *SELECTION)
    assert result.returncode == 0, result.stderr
    assert built(result) == {"html/sv", "pdf/viestintaohje-employees-sv-screen.pdf"}, \
        result.stdout


def test_altered_outputs_are_rebuilt_as_they_were(settled):
    pdf = settled / "build/pdf/viestintaohje-employees-fi-screen.pdf"
    page = settled / "build/html/sv/strategia.html"
    originals = {pdf: pdf.read_bytes(), page: page.read_bytes()}
    assert {str(pdf), str(page)} <= set(recorded(settled))
    edit_keeping_size_and_time(pdf, b"%PDF-1.", b"%PDF-9.")
    edit_keeping_size_and_time(page, b"<html", b"<HTML")
    result = invoke(settled, "build", *SELECTION)
    assert result.returncode == 0, result.stderr
    assert built(result) == {"html/sv", "pdf/viestintaohje-employees-fi-screen.pdf"}, \
        result.stdout
    assert {path: path.read_bytes() for path in originals} == originals
