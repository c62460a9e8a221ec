"""Where a build's dates and provenance come from: the source commit, never the clock."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import uuid

from build_tools.paths import PROJECT_ROOT

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
