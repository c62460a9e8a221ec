"""Reading and writing .po and .pot files in one canonical form; where catalogs live."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.errors import TranslationError
from build_tools.files import write_if_changed
from build_tools.paths import DEFAULT_BUILD_DIR, LOCALE_DIR, PROJECT_ROOT

if TYPE_CHECKING:  # babel is imported by the functions that parse or write catalogs
    from babel.messages.catalog import Catalog

# The .pot templates are committed: Weblate's "add language" and Poedit's "Update from
# POT" start from them, and `invoke i18n.check` fails when they lag behind source/.
TEMPLATES_FOLDER = "templates"
POT_DIR = LOCALE_DIR / TEMPLATES_FOLDER
# The header comment of every template.
TEMPLATE_COMMENT = ["# Translation template of the Viestintäohje, from `invoke i18n.extract`.",
                    "# Do not edit: translations go to locale/<language>/LC_MESSAGES/.", "#"]
# Catalogs that are not documents: the pipeline's labels (msgids in the source language)
# and the theme's interface strings (msgids in English, so every language translates them).
LABELS_DOMAIN = "handbook"
UI_DOMAIN = "sphinx"
# Where the HTML site's interface strings come from: (package, glob, extraction method).
# Sphinx's own catalog translates many of them, but Finnish only about 5 % and the
# theme none; source/_templates wraps the theme's hard-coded English in _().
UI_SOURCES = (
    ("furo", "theme/**/*.html", "jinja2"),
    ("sphinx_basic_ng", "theme/**/*.html", "jinja2"),
    ("sphinx", "writers/html5.py", "python"),
    ("sphinx", "themes/basic/static/searchtools.js", "javascript"),
    ("sphinx", "themes/basic/static/sphinx_highlight.js", "javascript"),
)


@dataclass(frozen=True)
class CatalogPaths:
    """Where one project keeps its translations and its extracted templates."""

    locale_dir: Path = LOCALE_DIR
    pot_dir: Path = POT_DIR

    def po(self, language: str, domain: str) -> Path:
        return self.locale_dir / language / "LC_MESSAGES" / f"{domain}.po"

    @property
    def doctrees(self) -> Path:
        """Sphinx's working files while extracting: in build/, never beside the committed
        templates."""
        parent = DEFAULT_BUILD_DIR if self.pot_dir == POT_DIR else self.pot_dir.parent
        return parent / "doctrees" / "gettext"

    def templates(self) -> list[Path]:
        return sorted(self.pot_dir.glob("*.pot"))


def forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """The singular and plural forms of a msgid or msgstr (one form when it has no plural)."""
    if value is None:
        return ("",)
    return (value,) if isinstance(value, str) else tuple(value)


def relative(path: Path) -> str:
    """A path as messages show it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)



# One line of a .po file: a keyword with a quoted string, a continued string, or a comment.
_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?'
                      rf'{_STRING}\s*$|^#.*$|^\s*$')


# The escapes GNU gettext reads (octal and hex start with a digit or x); any other is an
# error to msgfmt and Poedit, which a lenient parser would read as the letter itself.
_ESCAPE = re.compile(r"\\(.)")
_VALID_ESCAPES = set("abfnrtv\\\"'?01234567x")


def _check_syntax(path: Path, data: bytes) -> None:
    """Find what a lenient parser would accept silently, such as an unclosed quote."""
    if data.startswith(codecs.BOM_UTF8):
        raise TranslationError(f"{relative(path)}:1: the file starts with a byte order mark "
                               "(BOM), which GNU gettext (msgfmt) does not read; save it as "
                               "UTF-8 without BOM")
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not _PO_LINE.match(line):
            raise TranslationError(f"{relative(path)}:{number}: not a valid .po line: "
                                   f"{line.strip()[:60]!r}; each text must be in double "
                                   "quotes on one line, with \\\" for a quote inside it")
        if not line.lstrip().startswith("#"):
            bad = [m[0] for m in _ESCAPE.finditer(line) if m[1] not in _VALID_ESCAPES]
            if bad:
                raise TranslationError(f"{relative(path)}:{number}: {bad[0]!r} is not an "
                                       "escape gettext knows; write \\\\ for a backslash, "
                                       "\\n for a new line")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Parse a .po or .pot file; a syntax error names the file and line."""
    from build_tools.i18n import po_reader

    try:
        data = Path(path).read_bytes()
        _check_syntax(path, data)
        return po_reader.parse(data.decode("utf-8"), relative(path), locale)
    except UnicodeDecodeError as error:  # a Latin-1 or Windows-1252 file: name the line
        line = data[:error.start].count(b"\n") + 1
        raise TranslationError(f"{relative(path)}:{line}: byte {data[error.start]:#04x} is not "
                               "UTF-8; save the file as UTF-8 (Poedit and Weblate do; in a "
                               "text editor choose the UTF-8 encoding)") from None
    except ValueError as error:
        raise TranslationError(f"{relative(path)}: cannot be read: {error}; save it as "
                               "UTF-8") from None
    except LookupError as error:  # the header names a charset or language babel does not know
        raise TranslationError(f"{relative(path)}:{header_line(data, 'Content-Type')}: "
                               f"{error}; set the header to "
                               "'Content-Type: text/plain; charset=UTF-8'") from None


def header_line(data: bytes, header: str) -> int:
    """The 1-based line of a header field in a .po file's text; when it is missing, the
    line of the header entry (`msgid ""`), else 1."""
    lines = data.splitlines()
    for number, line in enumerate(lines, 1):
        if line.startswith(f'"{header}:'.encode()):
            return number
    return next((number for number, line in enumerate(lines, 1)
                 if line.strip() == b'msgid ""'), 1)


def render_catalog(catalog: Catalog) -> bytes:
    """The canonical text of a catalog: one wrapping whatever tool saved it last."""
    from build_tools.i18n import po_writer

    return po_writer.render(catalog)


def write_keeping_dates(path: Path, catalog: Catalog, previous: Catalog | None) -> bool:
    """Write a catalog, keeping the previous dates when only the wrapping changed.

    Without this every extraction would touch every file's POT-Creation-Date and
    produce a diff that says nothing.
    """
    if previous is not None:
        new_date = catalog.creation_date
        catalog.creation_date = previous.creation_date
        if render_catalog(catalog) == render_catalog(previous):
            return write_if_changed(path, render_catalog(catalog))
        catalog.creation_date = new_date
    return write_if_changed(path, render_catalog(catalog))
