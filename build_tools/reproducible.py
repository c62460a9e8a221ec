"""Where a build's dates and provenance come from: the source commit, never the clock."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
import uuid
from pathlib import Path

from build_tools.config import PROJECT_ROOT
from build_tools.engine import BuildError

_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def _git(*arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def source_commit() -> str:
    """The commit the sources come from, or "unknown" outside a git checkout."""
    return _git("rev-parse", "HEAD") or "unknown"


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else 0 (1970, stable)."""
    return os.environ.get("SOURCE_DATE_EPOCH") or _git("log", "-1", "--format=%ct") or "0"


def stable_document_id(seed: str):
    """A write_pdf finisher giving PDF/X's XMP DocumentID a value derived from `seed`.

    WeasyPrint puts a random uuid4 there, so two builds of one commit would differ.
    The seed (the print HTML's checksum and the variant) keeps the ID unique per
    document and equal between builds of the same sources.
    """
    def finisher(document, pdf) -> None:
        reference = pdf.catalog.get("Metadata")
        if reference is None:
            return
        stream = pdf.objects[int(reference.split()[0])]
        digest = hashlib.sha256(seed.encode()).digest()[:16]
        stable = f"xmp.did:{uuid.UUID(bytes=digest, version=4)}".encode()
        stream.stream = [_DOCUMENT_ID.sub(stable, part) for part in stream.stream]
    return finisher


def compare_trees(first: Path, second: Path) -> list[str]:
    """Files that differ between two build folders (or exist in only one), relative names."""
    def files(root: Path) -> dict[str, Path]:
        return {path.relative_to(root).as_posix(): path for path in root.rglob("*")
                if path.is_file() and path.relative_to(root).parts[0] in ("html", "pdf")}
    left, right = files(first), files(second)
    return sorted(name for name in left.keys() | right.keys()
                  if name not in left or name not in right
                  or left[name].read_bytes() != right[name].read_bytes())


def verify_reproducible(config, languages, editions, jobs: int | None = None) -> list[str]:
    """Build the selection twice in separate temporary folders; return the files that differ."""
    from build_tools.build import build, failures

    with tempfile.TemporaryDirectory(prefix="handbook-repro-") as temporary:
        folders = [Path(temporary) / "first", Path(temporary) / "second"]
        for folder in folders:
            failed = failures(build(config, languages, editions, folder, jobs=jobs))
            if failed:
                raise BuildError("; ".join(f"{o.target.key}: {o.error}" for o in failed))
        return compare_trees(*folders)
