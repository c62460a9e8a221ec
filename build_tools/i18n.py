"""Translation catalogs: extract templates, update and compile .po files, add a language."""

from __future__ import annotations

import copy
import importlib
import io
import json
import logging
import os
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import babel
import sphinx
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from build_tools.config import PROJECT_ROOT, ConfigError, HandbookConfig, load_config
from build_tools.errors import HandbookError
from build_tools.files import write_atomically, write_if_changed
from build_tools.sphinx_run import SOURCE_DIR, run_sphinx

LOCALE_DIR = PROJECT_ROOT / "locale"
POT_DIR = PROJECT_ROOT / "build" / "gettext"
# The canonical form of every .po and .pot file: babel's writer at sphinx-intl's width.
# `update` rewrites files saved by Poedit, Weblate or msgcat into this form.
PO_WIDTH = 76
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
log = logging.getLogger(__name__)


class TranslationError(HandbookError):
    """A translation file or step is wrong; the message names the file, line and fix."""


@dataclass(frozen=True)
class CatalogPaths:
    """Where one project keeps its translations and its extracted templates."""

    locale_dir: Path = LOCALE_DIR
    pot_dir: Path = POT_DIR

    def po(self, language: str, domain: str) -> Path:
        return self.locale_dir / language / "LC_MESSAGES" / f"{domain}.po"

    def templates(self) -> list[Path]:
        return sorted(self.pot_dir.glob("*.pot"))


def relative(path: Path) -> str:
    """A path as messages show it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


# ---- Reading and writing catalogs

# One line of a .po file: a keyword with a quoted string, a continued string, or a comment.
_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?'
                      rf'{_STRING}\s*$|^#.*$|^\s*$')


def _check_syntax(path: Path, data: bytes) -> None:
    """Find what babel's lenient parser accepts silently, such as an unclosed quote."""
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not _PO_LINE.match(line):
            raise TranslationError(f"{relative(path)}:{number}: not a valid .po line: "
                                   f"{line.strip()[:60]!r}; each text must be in double "
                                   "quotes on one line, with \\\" for a quote inside it")


def _previous_ids(text: str) -> dict[int, str]:
    """{line of a msgid: its `#| msgid` previous text}; babel's reader drops these."""
    previous, pending = {}, None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#| msgid "):
            pending = [unescape(line[len("#| msgid "):].strip())]
        elif line.startswith('#| "') and pending is not None:
            pending.append(unescape(line[3:].strip()))
        elif line.startswith("msgid ") and pending is not None:
            previous[number], pending = "".join(pending), None
        elif not line.startswith("#"):
            pending = None
    return previous


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Parse a .po or .pot file; a syntax error names the file and line."""
    try:
        data = Path(path).read_bytes()
        _check_syntax(path, data)
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
        by_line = {message.lineno: message for message in catalog if message.id}
        for lineno, previous in _previous_ids(data.decode("utf-8")).items():
            if lineno in by_line:
                by_line[lineno].previous_id = [previous]
        return catalog
    except PoFileError as error:
        message = str(error).rsplit(" on ", 1)[0]
        raise TranslationError(f"{relative(path)}:{error.lineno + 1}: {message}; fix the "
                               "syntax (Poedit's Validate shows it too)") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise TranslationError(f"{relative(path)}: cannot be read: {error}; save it as "
                               "UTF-8") from None
    except LookupError as error:  # the header names a charset Python does not know
        raise TranslationError(f"{relative(path)}:{_header_line(data, b'Content-Type')}: "
                               f"{error}; set the header to "
                               "'Content-Type: text/plain; charset=UTF-8'") from None


def _header_line(data: bytes, header: bytes) -> int:
    """The 1-based line of a header field in a .po file's text (1 when it is not found)."""
    for number, line in enumerate(data.splitlines(), 1):
        if line.startswith(b'"' + header + b":"):
            return number
    return 1


def render_catalog(catalog: Catalog) -> bytes:
    """The canonical text of a catalog: one wrapping whatever tool saved it last."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=PO_WIDTH, include_previous=True, sort_output=False)
    return buffer.getvalue()


def _write_keeping_dates(path: Path, catalog: Catalog, previous: Catalog | None) -> bool:
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


def _now() -> datetime:
    """The build time, or SOURCE_DATE_EPOCH for reproducible templates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch
            else datetime.now(timezone.utc).replace(microsecond=0))


# ---- Extraction: sources to .pot templates

def extract(config: HandbookConfig, paths: CatalogPaths = CatalogPaths(),
            source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Write the .pot templates: one per document, the labels catalog and the UI catalog."""
    extract_documents(paths.pot_dir, config.source_language, source_dir)
    write_template(paths.pot_dir / f"{LABELS_DOMAIN}.pot", label_messages(config), config)
    write_template(paths.pot_dir / f"{UI_DOMAIN}.pot", ui_messages(source_dir), config)
    return paths.templates()


def extract_documents(pot_dir: Path, source_language: str,
                      source_dir: Path = SOURCE_DIR) -> None:
    """Sphinx's gettext builder: one template per document, every `only` block included."""
    run_sphinx("gettext", source_language, pot_dir, pot_dir.parent / "doctrees" / "gettext",
               source_dir=source_dir)


def label_messages(config: HandbookConfig) -> list[tuple[str, str, int | None]]:
    """(msgid, file, line) of the labels the pipeline adds: handbook.toml and `_()` calls."""
    text = config.path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    values = [data["project"]["title"], data["project"]["author"]]
    for edition in data["editions"].values():
        values += [edition["title"], edition["audience"]]
    values += [variant["label"] for variant in data["variants"].values()]
    toml_name = relative(config.path)
    messages = [(value, toml_name, _line_of_value(text, value)) for value in values]
    for path in sorted((PROJECT_ROOT / "build_tools").glob("*.py")):
        for lineno, msgid, _comments, _context in extract_from_file(
                "python", path, keywords={"_": None}):
            # No line number: it would change with every edit of the code around it.
            messages.append((msgid, relative(path), None))
    return messages


def _line_of_value(text: str, value: str) -> int:
    return text[:text.index(f'"{value}"')].count("\n") + 1


def ui_messages(source_dir: Path = SOURCE_DIR) -> list[tuple[str, str, int]]:
    """(msgid, file, line) of every interface string the HTML site can show."""
    sources = [(Path(importlib.import_module(package).__file__).parent, pattern, method)
               for package, pattern, method in UI_SOURCES]
    sources.append((source_dir, "_templates/**/*.html", "jinja2"))
    messages = []
    for base, pattern, method in sources:
        for path in sorted(base.glob(pattern)):
            for lineno, msgid, _comments, _context in extract_from_file(
                    method, path, keywords={"_": None, "gettext": None, "ngettext": (1, 2)}):
                if (msgid[0] if isinstance(msgid, tuple) else msgid).strip():
                    messages.append((msgid, f"{base.name}/{path.relative_to(base)}", lineno))
    return messages


def write_template(path: Path, messages: list[tuple[str, str, int | None]],
                   config: HandbookConfig) -> bool:
    """Write one .pot from (msgid, file, line) triples, in first-seen order."""
    catalog = Catalog(project=config.title, copyright_holder=config.author,
                      creation_date=_now(), charset="utf-8", fuzzy=False)
    catalog.version = catalog.msgid_bugs_address = ""
    for msgid, filename, lineno in messages:
        if msgid in catalog:
            catalog[msgid].locations.append((filename, lineno))
        else:
            catalog.add(msgid, locations=[(filename, lineno)])
    previous = read_catalog(path) if path.is_file() else None
    return _write_keeping_dates(path, catalog, previous)


# ---- Update: templates to .po files, never losing a translation

def catalogs_for(language: str, config: HandbookConfig, paths: CatalogPaths) -> list[Path]:
    """The templates a language translates: the UI catalog always, documents and labels
    only when the language is not the source language."""
    templates = paths.templates()
    if language == config.source_language:
        return [t for t in templates if t.stem == UI_DOMAIN]
    return templates


def merge(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """The catalog `existing` brought up to `template`.

    A changed msgid keeps its old translation marked fuzzy (with the old msgid as
    `#|`); a removed one stays as an obsolete `#~` entry; an obsolete entry whose
    msgid comes back is restored.
    """
    if existing is None:
        catalog = Catalog(locale=language, project=template.project,
                          creation_date=template.creation_date, charset="utf-8", fuzzy=False)
        catalog.version = catalog.msgid_bugs_address = ""
        catalog.header_comment = (
            f"# {template.project}: translation into "
            f"{babel.Locale.parse(language).english_name}.\n"
            "# This file is distributed under the same license as the project.\n#")
        catalog.revision_date = template.creation_date
        catalog.language_team = catalog.last_translator = f"{template.project} translators"
        for message in template:
            if message.id:
                catalog[message.id] = message.clone()
        return catalog
    for message in template:
        key = message.id
        if key and key not in existing and key in existing.obsolete:
            existing[key] = existing.obsolete.pop(key)
    existing.update(template, update_header_comment=False, update_creation_date=True)
    existing.project, existing.version = template.project, template.version
    for key in [key for key in existing.obsolete if key in existing]:
        del existing.obsolete[key]
    return existing


def prefill_from_sphinx(catalog: Catalog, language: str) -> int:
    """Fill empty UI messages with Sphinx's own translation for `language`, if it has one."""
    shipped = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.po"
    if not shipped.is_file():
        return 0
    ours = read_catalog(shipped, locale=language)
    filled = 0
    for message in catalog:
        theirs = ours.get(message.id) if message.id else None
        if message.id and not message.string and theirs and theirs.string and not theirs.fuzzy:
            message.string = theirs.string
            filled += 1
    return filled


def update_language(language: str, config: HandbookConfig,
                    paths: CatalogPaths = CatalogPaths()) -> list[Path]:
    """Bring every catalog of one language up to the templates; return the files written."""
    written = []
    for template_path in catalogs_for(language, config, paths):
        template = read_catalog(template_path)
        po_path = paths.po(language, template_path.stem)
        existing = read_catalog(po_path, locale=language) if po_path.is_file() else None
        previous = copy.deepcopy(existing)  # merge() changes `existing` in place
        catalog = merge(template, existing, language)
        if template_path.stem == UI_DOMAIN:
            prefill_from_sphinx(catalog, language)
        if _write_keeping_dates(po_path, catalog, previous):
            written.append(po_path)
    expected = {t.stem for t in catalogs_for(language, config, paths)}
    for orphan in sorted((paths.locale_dir / language / "LC_MESSAGES").glob("*.po")):
        if orphan.stem not in expected:
            log.warning("%s: no template %s.pot; if its document was removed, delete the "
                        "file (its translations are in git history)", relative(orphan),
                        orphan.stem)
    return written


# ---- Compilation: .po to the .mo files Sphinx reads

def compile_catalogs(languages: list[str], locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile each .po newer than its .mo; fuzzy entries are left out, so they fall back.

    Runs before Sphinx starts: the extension translates the site title and labels
    when the builder starts, before Sphinx's own catalog compilation would run.
    """
    compiled = []
    for language in languages:
        for po_path in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            buffer = io.BytesIO()
            write_mo(buffer, read_catalog(po_path, locale=language), use_fuzzy=False)
            write_if_changed(mo_path, buffer.getvalue())
            os.utime(mo_path)
            compiled.append(mo_path)
    if compiled:
        log.info("Compiled %d translation catalog%s", len(compiled),
                 "" if len(compiled) == 1 else "s")
    return compiled


# ---- A new language

def language_name(code: str) -> str:
    """The language's name in that language, e.g. 'de' -> 'Deutsch'; checks the code."""
    try:
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise ValueError(code)
        return babel.Locale.parse(code).get_display_name(code)
    except (ValueError, babel.UnknownLocaleError):
        raise TranslationError(f"unknown language code {code!r}; use a lower-case ISO 639 "
                               "code such as 'de' or 'et'") from None


def declare_language(config_path: Path, code: str, name: str) -> None:
    """Add `[languages.<code>]` after the last language table, keeping the file's text."""
    text = config_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[languages\.", line)]
    if not headers:
        raise ConfigError(f"{config_path}: no [languages.<code>] table to add {code!r} after")
    end = headers[-1] + 1
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        end += 1
    # Comments just above the next table belong to it.
    while end > headers[-1] + 1 and (not lines[end - 1].strip()
                                      or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    block = f"\n[languages.{code}]\nname = {json.dumps(name, ensure_ascii=False)}\n"
    new_text = "".join(lines[:end]) + block + "".join(lines[end:])

    def write_checked(partial: Path) -> None:
        partial.write_text(new_text, encoding="utf-8")
        load_config(partial)  # a configuration that would not load is never put in place

    write_atomically(config_path, write_checked)


def add_language(code: str, config: HandbookConfig, name: str | None = None,
                 paths: CatalogPaths = CatalogPaths(), source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Create the catalogs of a new language and declare it in the configuration."""
    own_name = language_name(code)  # also rejects a code that is not a language
    if code in config.languages:
        raise TranslationError(f"language {code!r} is already declared in "
                               f"{relative(config.path)}; run `invoke i18n.update --lang "
                               f"{code}` to refresh its catalogs")
    extract(config, paths, source_dir)
    written = []
    for template_path in catalogs_for(code, config, paths):
        po_path = paths.po(code, template_path.stem)
        if po_path.exists():
            continue
        catalog = merge(read_catalog(template_path), None, code)
        if template_path.stem == UI_DOMAIN:
            prefill_from_sphinx(catalog, code)
        write_if_changed(po_path, render_catalog(catalog))
        written.append(po_path)
    declare_language(config.path, code, name or own_name)
    return written
