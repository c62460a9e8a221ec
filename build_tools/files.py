"""Writing files so that a reader, or a build interrupted at any moment, sees the old or the new file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")


def write_atomically(path: Path, write: Callable[[Path], Result]) -> Result:
    """Run `write` on a file next to `path`, rename it into place and return what `write`
    returned: a failed or interrupted write never replaces the last good file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        result = write(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return result


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write `content` atomically unless the file already holds it; True when written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    write_atomically(path, lambda partial: partial.write_bytes(content))
    return True
