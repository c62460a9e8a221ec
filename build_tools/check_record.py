"""build/accessibility-checks.json: the checks each published screen PDF passed, and when.

The build engine rewrites it whenever a PDF is published (build_tools/engine/build.py);
the sites' accessibility statement reads it (build_tools/sphinxext/accessibility.py),
so the statement says what the checks of a build found, never what code hopes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from build_tools.errors import BuildError
from build_tools.files import write_if_changed

RECORD_NAME = "accessibility-checks.json"
# The record a Sphinx process reads: set by the engine for the processes it starts.
RECORD_ENV = "HANDBOOK_CHECK_RECORD"


@dataclass(frozen=True)
class CheckedPdf:
    """One published PDF: the checks it passed before it was published, in the build of
    sources dated `source_date_epoch` (commit `source_commit`)."""

    path: str  # relative to the build folder
    language: str
    checks: tuple[str, ...]
    source_date_epoch: int
    source_commit: str


def write_record(build_dir: Path, pdfs: list[CheckedPdf]) -> Path:
    path = build_dir / RECORD_NAME
    entries = [asdict(pdf) | {"checks": list(pdf.checks)}
               for pdf in sorted(pdfs, key=lambda pdf: pdf.path)]
    text = json.dumps({"pdfs": entries}, indent=1, ensure_ascii=False) + "\n"
    write_if_changed(path, text.encode("utf-8"))
    return path


def read_record(path: Path | None) -> list[CheckedPdf]:
    """The PDFs the record lists; none when there is no record (no check has run)."""
    if path is None or not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["pdfs"]
        return [CheckedPdf(entry["path"], entry["language"], tuple(entry["checks"]),
                           int(entry["source_date_epoch"]), entry["source_commit"])
                for entry in entries]
    except (ValueError, KeyError, TypeError) as error:
        raise BuildError(f"{path}: not a record of PDF checks ({error}); delete it and "
                         "build the PDFs again") from None


def record_path() -> Path | None:
    """The record the engine named for this process, if any."""
    value = os.environ.get(RECORD_ENV)
    return Path(value) if value else None


def language_digest(path: Path, language: str) -> str:
    """A hash of what the record says about one language (part of its site's fingerprint)."""
    entries = [asdict(pdf) for pdf in read_record(path) if pdf.language == language]
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()
