"""Generate a stress book from the project's own chapters: a full project copy in a temp folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from build_tools.paths import PROJECT_ROOT

# Copied as they are, so the copy builds exactly like the project does.
PROJECT_FILES = ("handbook.toml", "tasks.py", "build_tools", "source", "locale", "hyphenation")
# Generated chapters per size unit; about 250 A4 pages of the employees edition.
CHAPTERS_PER_SIZE = 114
_TITLE = re.compile(r"^(?P<title>[^\n]+)\n(?P<mark>[=\-~])(?P=mark)+$", re.M)
_DOC_ROLE = re.compile(r":doc:`([^`<]+?)(?: <[^>]+>)?`")


def _chapters(source: Path) -> list[str]:
    index = (source / "index.rst").read_text(encoding="utf-8")
    return re.findall(r"^   (\w+)$", index.split(".. toctree::")[1], re.M)


def _varied(text: str, chapter: int, copy: int) -> str:
    """The chapter text with numbered headings, so no two sections share a title or anchor."""
    def heading(match: re.Match) -> str:
        # The number goes last: docutils drops leading digits from section anchors.
        title = f"{match['title']} {chapter}.{copy}"
        return f"{title}\n{match['mark'] * len(title)}"
    return _DOC_ROLE.sub(r"*\1*", _TITLE.sub(heading, text))


def copy_project(destination: Path) -> Path:
    """A copy of the project that builds on its own (run it with PYTHONPATH=destination)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        origin = PROJECT_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, destination / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(origin, destination / name)
    return destination


def write_stress_project(destination: Path, size: int = 1, chapters: int | None = None) -> Path:
    """Copy the project to `destination` with about 250 x `size` pages of chapters
    (or with `chapters` generated chapters, about 2.2 pages each).

    Each generated chapter strings together the project's chapters (their headings
    demoted and numbered), so the text, markup and `only` blocks are the real ones.
    """
    source = copy_project(destination) / "source"
    originals = {name: (source / f"{name}.rst").read_text(encoding="utf-8")
                 for name in _chapters(source)}
    for name in originals:
        (source / f"{name}.rst").unlink()
    names = []
    for number in range(1, (chapters or CHAPTERS_PER_SIZE * size) + 1):
        parts = [f"Luku {number}\n{'=' * len(f'Luku {number}')}\n"]
        for copy, text in enumerate(originals.values(), 1):
            # Demote each original chapter title to a section of the generated chapter.
            text = _TITLE.sub(lambda m: f"{m['title']}\n"
                              f"{({'=': '-', '-': '~'}.get(m['mark'], '^')) * len(m['title'])}",
                              text)
            parts.append(_varied(text, number, copy))
        names.append(f"luku{number:03d}")
        (source / f"{names[-1]}.rst").write_text("\n\n".join(parts), encoding="utf-8")
    (source / "index.rst").write_text(
        "Stressikirja\n============\n\n.. toctree::\n   :maxdepth: 2\n\n"
        + "".join(f"   {name}\n" for name in names), encoding="utf-8")
    return destination
