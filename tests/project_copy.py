"""Helpers for tests that build a copy of the project in a subprocess, as a user runs it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path


def clone(built: Path, destination: Path) -> Path:
    """A copy of an already built project copy, build folder included."""
    shutil.copytree(built, destination, symlinks=True)
    return destination


def invoke(project: Path, *arguments: str, **popen) -> subprocess.CompletedProcess:
    """Run `invoke ARGUMENTS` in a project copy; the copy's build_tools is the one imported."""
    return subprocess.run([sys.executable, "-m", "invoke", *arguments], cwd=project,
                          env={**os.environ, "PYTHONPATH": str(project)},
                          capture_output=True, text=True, timeout=900, **popen)


def outputs(project: Path) -> dict[str, str]:
    """sha256 of every file of every output (PDFs and HTML sites), by relative name."""
    build = project / "build"
    return {path.relative_to(build).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in ("pdf", "html") for path in sorted((build / folder).rglob("*"))
            if path.is_file()}
