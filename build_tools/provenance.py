"""Where a build's dates and provenance come from: the source commit, never the clock."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
from functools import cache
from pathlib import Path

from build_tools.errors import ConfigError
from build_tools.paths import PROJECT_ROOT

log = logging.getLogger(__name__)
# The largest SOURCE_DATE_EPOCH a PDF date can hold: 9999-12-31T23:59:59Z.
_LAST_EPOCH = 253402300799
_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def may_run_git(root: Path = PROJECT_ROOT) -> bool:
    """False when git could only fail in `root`: GIT_DIR is not set and there is no .git
    in it or in a folder above it (a copy of the project). Starting git there costs a
    no-op build more than its own work."""
    return bool(os.environ.get("GIT_DIR")) or any(
        (folder / ".git").exists() for folder in (root, *root.parents))


def _git(*arguments: str) -> str | None:
    if not may_run_git():
        return None
    try:
        result = subprocess.run(["git", *arguments], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


@cache
def _own_checkout() -> bool:
    """Whether the project is the top of a git checkout: a project copied into another
    repository must not take that repository's commit and date as its own."""
    top = _git("rev-parse", "--show-toplevel")
    if top is not None and Path(top).resolve() != PROJECT_ROOT.resolve():
        log.warning("%s is inside the git repository %s, not a checkout of its own: the "
                    "source commit is recorded as unknown and dates come from "
                    "SOURCE_DATE_EPOCH (or 1970)", PROJECT_ROOT, top)
    return top is not None and Path(top).resolve() == PROJECT_ROOT.resolve()


def source_commit() -> str:
    """The commit the sources come from, or "unknown" outside a git checkout of their own."""
    return (_own_checkout() and _git("rev-parse", "HEAD")) or "unknown"


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else 0 (1970, stable)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        if not value.strip().isdigit() or int(value) > _LAST_EPOCH:
            raise ConfigError(f"SOURCE_DATE_EPOCH={value!r} is not a date: set it to whole "
                              "seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct), "
                              "or unset it to use the last commit's date")
        return str(int(value))
    return (_own_checkout() and _git("log", "-1", "--format=%ct")) or "0"


def stable_document_id(seed: str):
    """A write_pdf finisher giving PDF/X's XMP DocumentID a value derived from `seed`.

    WeasyPrint puts a random uuid4 there, so two builds of one commit would differ.
    The seed (the print HTML's checksum and the variant) keeps the ID unique per
    document and equal between builds of the same sources.
    """
    import uuid

    def finisher(document, pdf) -> None:
        reference = pdf.catalog.get("Metadata")
        if reference is None:
            return
        stream = pdf.objects[int(reference.split()[0])]
        digest = hashlib.sha256(seed.encode()).digest()[:16]
        stable = f"xmp.did:{uuid.UUID(bytes=digest, version=4)}".encode()
        stream.stream = [_DOCUMENT_ID.sub(stable, part) for part in stream.stream]
    return finisher
