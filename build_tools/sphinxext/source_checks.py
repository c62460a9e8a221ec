"""Checks of the chapters before Sphinx reads them: inside the project, UTF-8, not too deep,
and each edition's tag used."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.paths import PROJECT_ROOT, SOURCE_DIR

# Deeper indentation than this is a structure no reader can follow, and Sphinx runs out
# of recursion on it (a 200-level list); 40 levels of two-space lists still pass.
MAX_INDENT = 80
_ONLY = re.compile(r"^\s*\.\.\s+only::\s*(.*)$", re.M)
_OPERATORS = {"and", "or", "not", "True", "False"}


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def symbolic_links(*roots: Path) -> list[str]:
    """A link in source/ or locale/ would publish, or read, whatever it points at."""
    problems = []
    for root in roots:
        for folder, folders, files in os.walk(root):
            for name in sorted(folders + files):
                path = Path(folder) / name
                if path.is_symlink():
                    problems.append(f"{shown(path)}: is a symbolic link (to "
                                    f"{os.readlink(path)}); the handbook may only use files "
                                    "inside the project: replace the link with a copy")
    return problems


def chapters(source_dir: Path = SOURCE_DIR) -> Iterator[Path]:
    return (path for path in sorted(source_dir.rglob("*.rst")) if not path.is_symlink())


def text_problems(path: Path) -> list[str]:
    """A chapter must be UTF-8 and not nested deeper than anyone can read (or Sphinx parse)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = data.count(b"\n", 0, error.start) + 1
        return [f"{shown(path)}:{where}: not UTF-8 (byte 0x{data[error.start]:02x}); save the "
                "file as UTF-8 (in most editors: Save with Encoding, UTF-8)"]
    for number, text_line in enumerate(text.splitlines(), 1):
        indent = len(text_line) - len(text_line.lstrip(" "))
        if indent > MAX_INDENT and text_line.strip():
            return [f"{shown(path)}:{number}: indented {indent} columns; nesting this deep "
                    f"(more than {MAX_INDENT} columns) is not readable: flatten the lists or "
                    "quotes"]
    return []


def unused_edition_tags(config: HandbookConfig, source_dir: Path = SOURCE_DIR) -> list[str]:
    """An edition whose tag no `.. only::` names would silently get every edition's text."""
    used: set[str] = set()
    for path in chapters(source_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        for expression in _ONLY.findall(text):
            used |= set(re.findall(r"[A-Za-z_]\w*", expression)) - _OPERATORS
    return [f"{config.where('tag', f'editions.{edition.name}')}: tag {edition.tag!r} of "
            f"edition {edition.name!r} is used by no `.. only::` in {shown(source_dir)}/, so "
            f"the edition would include text meant for others; tags in use: "
            f"{', '.join(sorted(used)) or 'none'}"
            for edition in config.editions.values() if edition.tag not in used]
