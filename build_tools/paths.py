"""Where the project's inputs are, and where a build folder keeps each kind of output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = PROJECT_ROOT / "handbook.toml"
SOURCE_DIR = PROJECT_ROOT / "source"
LOCALE_DIR = PROJECT_ROOT / "locale"
CODE_DIR = PROJECT_ROOT / "build_tools"
PRINT_THEME_DIR = CODE_DIR / "pdf" / "print_theme"
HYPHENATION_DIR = PROJECT_ROOT / "hyphenation"
DOCS_DIR = PROJECT_ROOT / "docs"
DEFAULT_BUILD_DIR = PROJECT_ROOT / "build"
# `invoke release` keeps each release here, never overwritten; `invoke clean` keeps it.
RELEASES_DIR = DEFAULT_BUILD_DIR / "releases"


@dataclass(frozen=True)
class BuildPaths:
    """The layout of one build folder."""

    root: Path = DEFAULT_BUILD_DIR

    @property
    def html(self) -> Path:
        """The language chooser and one folder per language's site."""
        return self.root / "html"

    def site(self, language: str) -> Path:
        return self.html / language

    def print_html(self, edition: str, language: str) -> Path:
        """The one print HTML of an edition in a language, the source of its PDFs."""
        return self.root / "print-html" / f"{edition}-{language}"

    @property
    def pdf(self) -> Path:
        return self.root / "pdf"

    @property
    def templates(self) -> Path:
        """The .pot translation templates."""
        return self.root / "gettext"

    @property
    def work(self) -> Path:
        """Work folders of unfinished outputs; nothing here is published."""
        return self.root / ".work"

    def doctrees(self, name: str) -> Path:
        return self.root / "doctrees" / name
