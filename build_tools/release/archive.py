"""The release folders under build/releases/<version>/: what they hold, written once."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from build_tools.formats import VERSION_PATTERN, version_key
from build_tools.paths import RELEASES_DIR

MANIFEST = "manifest.json"
MESSAGES = "messages.json"
CHECKSUMS = "SHA256SUMS"
# What a release keeps of its build folder.
KEPT = ("pdf", "html")


def release_dir(version: str, root: Path = RELEASES_DIR) -> Path:
    return root / version


def released_versions(root: Path = RELEASES_DIR) -> list[str]:
    """The versions that have a finished release folder, oldest first."""
    if not root.is_dir():
        return []
    found = [path.name for path in root.iterdir() if VERSION_PATTERN.match(path.name)
             and (path / MANIFEST).is_file()]
    return sorted(found, key=version_key)


def release_record(version: str, root: Path = RELEASES_DIR) -> dict:
    """A release's manifest: version, source commit and date, and every artifact."""
    return json.loads((release_dir(version, root) / MANIFEST).read_text(encoding="utf-8"))


def assemble(build_root: Path, stage: Path, version: str, previous: str | None,
             messages: str) -> None:
    """Fill `stage` with a finished build's outputs, its manifest (with the version), the
    message snapshot and SHA256SUMS; then make every file read-only."""
    stage.mkdir(parents=True)
    for name in KEPT:
        shutil.copytree(build_root / name, stage / name)
    manifest = json.loads((build_root / MANIFEST).read_text(encoding="utf-8"))
    manifest = {"version": version, "previous_version": previous, **manifest}
    (stage / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    (stage / MESSAGES).write_text(messages, encoding="utf-8")
    (stage / CHECKSUMS).write_text(checksums(stage), encoding="utf-8")
    for path in stage.rglob("*"):
        if path.is_file():
            os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


def checksums(folder: Path) -> str:
    """Every file under `folder` but SHA256SUMS itself, in `sha256sum -c` format."""
    lines = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != CHECKSUMS:
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n")
    return "".join(lines)
