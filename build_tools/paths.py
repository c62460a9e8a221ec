"""Where the project's inputs are, and where a build folder keeps each kind of output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The code, wherever it is installed; its print theme is package data.
CODE_DIR = Path(__file__).resolve().parent
PRINT_THEME_DIR = CODE_DIR / "pdf" / "print_theme"
CONFIG_NAME = "handbook.toml"
# Written by each Sphinx build into its output folder (sphinxext/i18n.py): how many
# messages fell back, for the summary. Here so that a render worker reads it without
# importing Sphinx.
FALLBACK_FILE = ".handbook-fallback.json"


def find_project_root(package_dir: Path = CODE_DIR, working_dir: Path | None = None
                      ) -> Path | None:
    """The checkout the handbook is built from: the folder around the package (a checkout,
    or an editable install), else the working folder or the nearest one above it that holds
    handbook.toml and source/ (the code installed without -e, run in a checkout)."""
    working_dir = (working_dir or Path.cwd()).resolve()
    for folder in (package_dir.parent, working_dir, *working_dir.parents):
        if (folder / CONFIG_NAME).is_file() and (folder / "source").is_dir():
            return folder
    return None


# Without a checkout the paths point into the working folder, and reading the
# configuration stops with a message saying where to run (config.project_config).
PROJECT_FOUND = find_project_root()
PROJECT_ROOT = PROJECT_FOUND or Path.cwd().resolve()
CONFIG_PATH = PROJECT_ROOT / CONFIG_NAME
SOURCE_DIR = PROJECT_ROOT / "source"
LOCALE_DIR = PROJECT_ROOT / "locale"
HYPHENATION_DIR = PROJECT_ROOT / "hyphenation"
DOCS_DIR = PROJECT_ROOT / "docs"
DEFAULT_BUILD_DIR = PROJECT_ROOT / "build"
# `invoke release` keeps each release here, never overwritten; `invoke clean` keeps it.
RELEASES_DIR = DEFAULT_BUILD_DIR / "releases"


@dataclass(frozen=True)
class BuildPaths:
    """The layout of one build folder."""

    root: Path = DEFAULT_BUILD_DIR

    @classmethod
    def of(cls, build_dir: str | None) -> BuildPaths:
        """The folder a task's --build-dir names, or build/."""
        return cls(Path(build_dir)) if build_dir else cls()

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
        """.pot templates extracted for a build's own use (the committed ones are in
        locale/templates/)."""
        return self.root / "gettext"

    @property
    def work(self) -> Path:
        """Work folders of unfinished outputs; nothing here is published."""
        return self.root / ".work"

    @property
    def image_cache(self) -> Path:
        """Images converted to a print file's CMYK, by content hash (raster_inks.py)."""
        return self.root / ".cache" / "cmyk-images"

    def doctrees(self, name: str) -> Path:
        return self.root / "doctrees" / name
