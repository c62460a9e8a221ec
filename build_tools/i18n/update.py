"""Update: templates to .po files, never losing a translation."""

from __future__ import annotations

import logging
from pathlib import Path

import babel
import sphinx
from babel.messages.catalog import Catalog

from build_tools.config import HandbookConfig
from build_tools.files import write_if_changed
from build_tools.i18n.catalogs import (
    UI_DOMAIN,
    CatalogPaths,
    read_catalog,
    relative,
    render_catalog,
)
from build_tools.i18n.po_writer import header_fields

log = logging.getLogger(__name__)

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
        # Our own attribute, read by po_writer: babel's Catalog has no raw header.
        catalog.po_header = gettext_header_order(catalog)  # type: ignore[attr-defined]
        for message in template:
            if message.id:
                catalog[message.id] = message.clone()
        return catalog
    if hasattr(existing, "po_header"):  # as msgmerge: the bug address comes from the template
        address = dict(header_fields(template)).get("Report-Msgid-Bugs-To", "")
        existing.po_header = in_gettext_order(
            [(name, address if name == "Report-Msgid-Bugs-To" else value)
             for name, value in existing.po_header])
    for message in template:
        key = message.id
        if key and key not in existing and key in existing.obsolete:
            existing[key] = existing.obsolete.pop(key)
    # babel's update rebuilds an unchanged entry from the template, dropping its `#|`:
    # a message still waiting for review keeps the source text it was translated from.
    previous = {message.id: message.previous_id for message in existing
                if message.id and message.fuzzy and message.previous_id}
    existing.update(template, update_header_comment=False, update_creation_date=True)
    existing.project, existing.version = template.project, template.version
    for message in existing:
        if message.id in previous and message.fuzzy and not message.previous_id:
            message.previous_id = previous[message.id]
    for key in [key for key in existing.obsolete if key in existing]:
        del existing.obsolete[key]
    for message in existing.obsolete.values():
        message.locations, message.auto_comments = [], []  # as msgmerge: no longer anywhere
    return existing


# The order in which msginit and msgmerge write a header; other fields follow.
_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                 "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")
_CONTENT_TYPE = "text/plain; charset=UTF-8"


def in_gettext_order(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """gettext's own fields back in gettext's order and charset spelling, each in a place
    one of them held; other fields (Poedit's X-*) stay where they are.

    babel, and so `sphinx-intl update`, writes Language before Language-Team, Plural-Forms
    before MIME-Version and `charset=utf-8`: this undoes that, and leaves a file that
    gettext, Poedit or Weblate wrote as it is.
    """
    ours = iter(sorted((field for field in fields if field[0] in _HEADER_ORDER),
                       key=lambda field: _HEADER_ORDER.index(field[0])))
    ordered = [next(ours) if name in _HEADER_ORDER else (name, value) for name, value in fields]
    return [(name, _CONTENT_TYPE if name == "Content-Type"
             and value.replace(" ", "").lower() == "text/plain;charset=utf-8" else value)
            for name, value in ordered]


def gettext_header_order(catalog: Catalog) -> list[tuple[str, str]]:
    """A new catalog's header as GNU gettext writes it, so msgmerge leaves it alone."""
    fields = dict(header_fields(catalog))
    fields["Content-Type"] = _CONTENT_TYPE
    return [(name, fields[name]) for name in _HEADER_ORDER if name in fields]


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
        catalog = merge(template, existing, language)
        if template_path.stem == UI_DOMAIN:
            prefill_from_sphinx(catalog, language)
        # As msgmerge: the template's date, which changes only when the template does.
        if write_if_changed(po_path, render_catalog(catalog)):
            written.append(po_path)
    expected = {t.stem for t in catalogs_for(language, config, paths)}
    for orphan in sorted((paths.locale_dir / language / "LC_MESSAGES").glob("*.po")):
        if orphan.stem not in expected:
            log.warning("%s: no template %s.pot; if its document was removed, delete the "
                        "file (its translations are in git history)", relative(orphan),
                        orphan.stem)
    return written
