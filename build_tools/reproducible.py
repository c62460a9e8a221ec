"""Where a build's dates and provenance come from: the source commit, never the clock."""

from __future__ import annotations

import os
import subprocess

from build_tools.config import PROJECT_ROOT


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
