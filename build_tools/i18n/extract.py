"""Extraction: the sources, handbook.toml and the theme's strings to .pot templates."""

from __future__ import annotations

import importlib
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from build_tools.config import HandbookConfig, project_config
from build_tools.i18n.catalogs import (
    LABELS_DOMAIN,
    TEMPLATE_COMMENT,
    UI_DOMAIN,
    UI_SOURCES,
    CatalogPaths,
    read_catalog,
    relative,
    write_keeping_dates,
)
from build_tools.i18n.placement import document_placements
from build_tools.paths import CODE_DIR, SOURCE_DIR
from build_tools.sphinxext.runner import run_sphinx

# (msgid, file, line) of one occurrence; ngettext's msgid is (singular, plural).
Occurrence = tuple[str | tuple[str, ...], str, int | None]


def extract(config: HandbookConfig, paths: CatalogPaths = CatalogPaths(),
            source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Write the .pot templates: one per document, the labels catalog and the UI catalog."""
    extract_documents(paths.pot_dir, config.source_language, source_dir, paths.doctrees,
                      config)
    write_template(paths.pot_dir / f"{LABELS_DOMAIN}.pot", label_messages(config), config)
    write_template(paths.pot_dir / f"{UI_DOMAIN}.pot", ui_messages(source_dir), config)
    documents = {path.stem for path in source_dir.glob("*.rst")}
    for template in paths.templates():
        if template.stem not in documents | {LABELS_DOMAIN, UI_DOMAIN}:
            template.unlink()  # its document was removed from source/
    return paths.templates()


def extract_documents(pot_dir: Path, source_language: str, source_dir: Path = SOURCE_DIR,
                      doctree_dir: Path | None = None,
                      config: HandbookConfig | None = None) -> None:
    """Sphinx's gettext builder: one template per document, every `only` block included;
    then each template's references made stable (see `stable_references`) and each
    message told where it appears (build_tools/i18n/placement.py)."""
    documents = sorted(pot_dir / f"{path.stem}.pot" for path in source_dir.glob("*.rst"))
    written = {path: path.read_bytes() for path in pot_dir.glob("*.pot")}
    doctree_dir = doctree_dir or pot_dir.parent / "doctrees" / "gettext"
    run_sphinx("gettext", source_language, pot_dir, doctree_dir, source_dir=source_dir)
    # Sphinx also writes the templates' strings as sphinx.pot: ours (write_template) wins.
    for path in pot_dir.glob("*.pot"):
        if path not in documents:
            if path in written:
                path.write_bytes(written[path])
            else:
                path.unlink()
    for path in documents:
        catalog = read_catalog(path)
        stable_references(catalog, pot_dir, source_dir.parent)
        catalog.po_header_comment = TEMPLATE_COMMENT  # type: ignore[attr-defined]  # read by po_writer
        where = document_placements(doctree_dir, path.stem, config or project_config())
        for message in catalog:
            if message.id in where:
                message.auto_comments = [where[message.id]]
        previous = written.get(path)
        if previous is not None:
            path.write_bytes(previous)  # compared, and the date kept, by write_keeping_dates
        write_keeping_dates(path, catalog, read_catalog(path) if previous else None)


def stable_references(catalog: Catalog, relative_to: Path, project_root: Path) -> None:
    """`#:` references as file names relative to the project, without line numbers: a
    line added at the top of a chapter no longer rewrites every reference below it in
    every language."""
    for message in catalog:
        files = []
        for filename, _line in message.locations:
            path = (relative_to / filename).resolve()
            files.append(path.relative_to(project_root).as_posix()
                         if path.is_relative_to(project_root) else filename)
        # babel annotates lineno as int, yet it and we write file-only references (None).
        message.locations = [(name, None)  # type: ignore[misc]
                             for name in dict.fromkeys(files)]


def label_messages(config: HandbookConfig) -> list[Occurrence]:
    """(msgid, file, line) of the labels the pipeline adds: handbook.toml and `_()` calls."""
    text = config.path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    values = [data["project"]["title"], data["project"]["author"]]
    for edition in data["editions"].values():
        values += [edition["title"], edition["audience"], *edition.get("keywords", [])]
    values += [variant["label"] for variant in data["variants"].values()]
    if "supervision" in data:
        values.append(data["supervision"]["name"])
    toml_name = relative(config.path)
    messages: list[Occurrence] = [(value, toml_name, None) for value in values]
    for path in sorted(CODE_DIR.rglob("*.py")):
        for _lineno, msgid, _comments, _context in extract_from_file(
                "python", path, keywords={"_": None}):
            # No line number: it would change with every edit of the code around it.
            messages.append((msgid, relative(path), None))
    return messages


def ui_messages(source_dir: Path = SOURCE_DIR) -> list[Occurrence]:
    """(msgid, file, line) of every interface string the HTML site can show."""
    # Regular packages, never namespace ones: their __file__ is set.
    sources = [(Path(cast(str, importlib.import_module(package).__file__)).parent, pattern,
                method) for package, pattern, method in UI_SOURCES]
    sources.append((source_dir, "_templates/**/*.html", "jinja2"))
    messages: list[Occurrence] = []
    for base, pattern, method in sources:
        for path in sorted(base.glob(pattern)):
            for _lineno, msgid, _comments, _context in extract_from_file(
                    method, path, keywords={"_": None, "gettext": None, "ngettext": (1, 2)}):
                if (msgid[0] if isinstance(msgid, tuple) else msgid).strip():
                    # No line number: the theme's own releases would move them.
                    messages.append((msgid, f"{base.name}/{path.relative_to(base)}", None))
    return messages


def write_template(path: Path, messages: list[Occurrence],
                   config: HandbookConfig) -> bool:
    """Write one .pot from (msgid, file, line) triples, in first-seen order."""
    catalog = Catalog(project=config.title, copyright_holder=config.author,
                      creation_date=_now(), charset="utf-8", fuzzy=False)
    catalog.version = catalog.msgid_bugs_address = ""
    catalog.po_header_comment = TEMPLATE_COMMENT  # type: ignore[attr-defined]  # read by po_writer
    for msgid, filename, lineno in messages:
        if msgid in catalog:
            # babel annotates lineno as int, yet it and we write file-only references.
            catalog[msgid].locations.append((filename, lineno))  # type: ignore[arg-type]
        else:
            catalog.add(msgid, locations=[(filename, lineno)])  # type: ignore[list-item]
    previous = read_catalog(path) if path.is_file() else None
    return write_keeping_dates(path, catalog, previous)


def _now() -> datetime:
    """The build time, or SOURCE_DATE_EPOCH for reproducible templates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), UTC) if epoch
            else datetime.now(UTC).replace(microsecond=0))
