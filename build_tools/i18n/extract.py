"""Extraction: the sources, handbook.toml and the theme's strings to .pot templates."""

from __future__ import annotations

import importlib
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from build_tools.config import HandbookConfig
from build_tools.i18n.catalogs import (
    LABELS_DOMAIN,
    UI_DOMAIN,
    UI_SOURCES,
    CatalogPaths,
    read_catalog,
    relative,
    write_keeping_dates,
)
from build_tools.paths import CODE_DIR, SOURCE_DIR
from build_tools.sphinxext.runner import run_sphinx


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
        values += [edition["title"], edition["audience"], *edition.get("keywords", [])]
    values += [variant["label"] for variant in data["variants"].values()]
    toml_name = relative(config.path)
    messages = [(value, toml_name, _line_of_value(text, value)) for value in values]
    for path in sorted(CODE_DIR.rglob("*.py")):
        for _lineno, msgid, _comments, _context in extract_from_file(
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
    return write_keeping_dates(path, catalog, previous)


def _now() -> datetime:
    """The build time, or SOURCE_DATE_EPOCH for reproducible templates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), UTC) if epoch
            else datetime.now(UTC).replace(microsecond=0))
