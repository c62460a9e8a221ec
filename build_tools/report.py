"""The summary printed after a build: what was written where, how big, how many pages."""

from __future__ import annotations

import os
from pathlib import Path

from build_tools.build import Artifact


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def _human(size: int) -> str:
    for unit in ("B", "kB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def summary(artifacts: list[Artifact], relative_to: Path | None = None) -> str:
    """A table with one row per artifact: path, size, and page count or file count."""
    relative_to = relative_to or Path.cwd()
    rows = []
    for artifact in artifacts:
        if artifact.kind == "html":
            site = artifact.path.parent
            files = sum(1 for f in site.rglob("*") if f.is_file())
            detail, size = f"site, {files} files", _size(site)
        else:
            detail, size = f"{artifact.pages} pages", _size(artifact.path)
        rows.append((os.path.relpath(artifact.path, relative_to), _human(size), detail))
    if not rows:
        return "Nothing was built."
    width = max(len(row[0]) for row in rows)
    lines = [f"Wrote {len(rows)} output{'s' if len(rows) != 1 else ''}:"]
    lines += [f"  {path:<{width}}  {size:>9}  {detail}" for path, size, detail in rows]
    return "\n".join(lines)
