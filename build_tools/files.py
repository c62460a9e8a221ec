"""Writing files and folders so that a reader, or a build interrupted at any moment, sees
the old or the new version, never a mix."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")


def write_atomically(path: Path, write: Callable[[Path], Result]) -> Result:
    """Run `write` on a file next to `path`, rename it into place and return what `write`
    returned: a failed or interrupted write never replaces the last good file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        result = write(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return result


def file_facts(path: Path) -> dict:
    """A file's sha256 and size."""
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def sha256_of(path: str | Path) -> bytes:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def _entries(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Everything under `folder` as (relative name with "/", entry), in the order of its
    sorted paths; a symbolic link to a folder is listed, not followed (as Path.rglob)."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        name = prefix + entry.name
        yield name, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(entry.path, f"{name}/")


def tree_facts(root: Path, keep: Callable[[str], bool] = lambda name: True,
               digest_of: Callable[[str], bytes] = sha256_of) -> dict:
    """One sha256 over the names and contents of the files (and symbolic links) under
    `root` whose name relative to it (with "/") `keep` accepts, with the files' total
    size and count. `digest_of` gives a file's sha256 (engine/file_hashes.py reuses
    earlier ones)."""
    digest, size, files = hashlib.sha256(), 0, 0
    if not root.is_dir():
        return {"sha256": digest.hexdigest(), "size": size, "files": files}
    for name, entry in _entries(str(root)):
        if not keep(name):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except FileNotFoundError:  # removed since the folder was listed
            continue
        if stat.S_ISLNK(status.st_mode):
            # A link counts as what it says, so adding one (even to a folder) is a change.
            digest.update(f"{name}\0-> {os.readlink(entry.path)}\0".encode())
        elif stat.S_ISREG(status.st_mode):
            digest.update(name.encode() + b"\0")
            digest.update(digest_of(entry.path))
            size, files = size + status.st_size, files + 1
    return {"sha256": digest.hexdigest(), "size": size, "files": files}


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write `content` atomically unless the file already holds it; True when written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    write_atomically(path, lambda partial: partial.write_bytes(content))
    return True


def publish_tree(work: Path, final: Path, ignore: tuple[str, ...] = ()) -> None:
    """Copy a finished folder next to `final`, then swap it in with renames.

    The copy keeps `work` for Sphinx's next incremental build. Between the two renames
    the old folder is kept as `.<name>.old`; `recover_trees` puts it back if a build was
    killed at exactly that point.
    """
    fresh = final.with_name(f".{final.name}.new")
    old = final.with_name(f".{final.name}.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(work, fresh, ignore=shutil.ignore_patterns(*ignore))
    if final.exists():
        os.rename(final, old)
    os.rename(fresh, final)
    shutil.rmtree(old, ignore_errors=True)


def recover_trees(parent: Path) -> None:
    """Put back a folder under `parent` whose swap a killed build interrupted."""
    for old in parent.glob(".*.old"):
        final = old.with_name(old.name[1:].removesuffix(".old"))
        if not final.exists():
            os.rename(old, final)
