"""Helpers for tests that build a copy of the project in a subprocess, as a user runs it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Two languages and one edition: enough to see what depends on what, quick to build.
SELECTION = ("--lang", "fi,sv", "--edition", "employees")


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


def first_msgstr(path: Path) -> str:
    """The first one-line `msgstr "..."` of a catalog, as written."""
    return re.search(r'^msgstr "(.+)"$', path.read_text(encoding="utf-8"), re.M)[0]


def add_to_first_msgstr(path: Path, addition: str) -> None:
    """Append `addition` to the text of a catalog's first one-line msgstr."""
    line = first_msgstr(path)
    replace(path, line, f'{line[:-1]}{addition}"')


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fail the test if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails_keeping_outputs(project: Path, message: str, *arguments: str) -> str:
    """Build; assert exit status 1, `message` (a regex) in what the user sees, no
    traceback, and every earlier output byte-identical."""
    before = outputs(project)
    result = invoke(project, "build", *(arguments or SELECTION))
    seen = result.stdout + result.stderr
    assert result.returncode == 1, seen
    assert re.search(message, seen), seen
    assert "Traceback" not in seen, seen
    assert outputs(project) == before, "a failed build changed a previous output"
    return seen
