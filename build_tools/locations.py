"""Where a problem is, as messages name it: the line of a TOML key, a path as typed."""

from __future__ import annotations

import os
import re
from pathlib import Path


def line_of_key(text: str, key: str, table: str | None = None) -> int | None:
    """The 1-based line that defines `key` (a table header or an assignment) in `table`."""
    start = 0
    if table:
        header = re.search(rf"^\s*\[{re.escape(table)}\]", text, re.M)
        start = header.end() if header else 0
    pattern = re.compile(rf"^\s*(\[{re.escape(key)}\]|{re.escape(key)}\s*=)", re.M)
    match = pattern.search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else None


def shown(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when it is inside it."""
    path = Path(path).absolute()
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
