"""How complete each language is: per file and in total, against the current templates."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from babel.messages.catalog import Catalog

from build_tools.config import HandbookConfig, Language
from build_tools.errors import TranslationError
from build_tools.i18n.catalogs import CatalogPaths, forms, read_catalog, relative
from build_tools.i18n.update import catalogs_for, merge


@dataclass(frozen=True)
class Progress:
    """Message counts of one catalog, or of a whole language (file = "total")."""

    language: str
    file: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Translated share; fuzzy counts as not translated, since it is not published."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def count(catalog: Catalog, language: str, file: str) -> Progress:
    """Counts of a catalog's live messages (obsolete ones are not counted)."""
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue
        if not all(forms(message.string)):
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Progress(language, file, translated, fuzzy, untranslated)


def language_progress(language: str, config: HandbookConfig,
                      paths: CatalogPaths = CatalogPaths()) -> list[Progress]:
    """One row per catalog of `language`, then its total, measured against the templates.

    Each .po is merged with its template in memory first, so a message added to the
    source since the last `i18n.update` counts as untranslated, not as missing.
    """
    rows = []
    for template_path in catalogs_for(language, config, paths):
        po_path = paths.po(language, template_path.stem)
        existing = read_catalog(po_path, locale=language) if po_path.is_file() else None
        merged = merge(read_catalog(template_path), existing, language)
        rows.append(count(merged, language, relative(po_path)))
    if not rows:
        raise TranslationError(f"no templates in {relative(paths.pot_dir)}; run "
                               "`invoke i18n.extract` first")
    total = Progress(language, "total", sum(r.translated for r in rows),
                     sum(r.fuzzy for r in rows), sum(r.untranslated for r in rows))
    return rows + [total]


def status(config: HandbookConfig, languages: list[Language],
           paths: CatalogPaths = CatalogPaths()) -> list[Progress]:
    return [row for language in languages
            for row in language_progress(language.code, config, paths)]


def table(rows: list[Progress]) -> str:
    """A plain-text table: language, file, translated, fuzzy, untranslated, per cent."""
    header = ("language", "file", "translated", "fuzzy", "untranslated", "%")
    lines = [(r.language, r.file, str(r.translated), str(r.fuzzy), str(r.untranslated),
              f"{r.percent:.1f}") for r in rows]
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    def fmt(row):
        return "  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
                         for i, cell in enumerate(row)).rstrip()
    return "\n".join([fmt(header)] + [fmt(line) for line in lines])


def as_json(rows: list[Progress]) -> str:
    return json.dumps([{**asdict(r), "total": r.total, "percent": round(r.percent, 2)}
                       for r in rows], indent=2, ensure_ascii=False)


def below(rows: list[Progress], percent: float) -> list[Progress]:
    """The language totals under `percent`."""
    return [r for r in rows if r.file == "total" and r.percent < percent]


def release_gate(config: HandbookConfig, languages: list[Language],
                 paths: CatalogPaths = CatalogPaths()) -> None:
    """Refuse to publish a language that is not 100 % translated (source language: its UI)."""
    rows = status(config, languages, paths)
    incomplete = below(rows, 100.0)
    if incomplete:
        names = ", ".join(f"{r.language} ({r.percent:.1f} %)" for r in incomplete)
        detail = table([r for r in rows if r.language in {i.language for i in incomplete}])
        raise TranslationError(
            f"a release publishes only complete translations; incomplete: {names}\n{detail}\n"
            "Translate the missing and fuzzy messages (`invoke i18n.update`, then Poedit), "
            "or pass --allow-incomplete to publish with Finnish fallback.")
