"""How complete each language is: per file and in total, against the current templates."""

from __future__ import annotations

import json
import re
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
    # The same in words of the source text: what a translator's day is measured in.
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent(self) -> float:
        """Translated share; fuzzy counts as not translated, since it is not published."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def count(catalog: Catalog, language: str, file: str) -> Progress:
    """Counts of a catalog's live messages (obsolete ones are not counted)."""
    messages = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    words = dict.fromkeys(messages, 0)
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        state = ("untranslated" if not all(strings) else "fuzzy" if message.fuzzy
                 else "translated")
        messages[state] += 1
        words[state] += word_count(forms(message.id)[0])
    return Progress(language, file, *messages.values(), *words.values())


def word_count(text: str) -> int:
    """Words as translation tools count them: runs of letters or digits (LPR2033 is one)."""
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


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
    total = Progress(language, "total", *(sum(getattr(r, name) for r in rows) for name in (
        "translated", "fuzzy", "untranslated", "translated_words", "fuzzy_words",
        "untranslated_words")))
    return rows + [total]


def status(config: HandbookConfig, languages: list[Language],
           paths: CatalogPaths = CatalogPaths()) -> list[Progress]:
    return [row for language in languages
            for row in language_progress(language.code, config, paths)]


def table(rows: list[Progress]) -> str:
    """A plain-text table: language, file, messages translated, fuzzy, untranslated, per
    cent; then the same in words of the source text."""
    header = ("language", "file", "translated", "fuzzy", "untranslated", "%", "words",
              "fuzzy", "untransl.")
    lines = [(r.language, r.file, str(r.translated), str(r.fuzzy), str(r.untranslated),
              f"{r.percent:.1f}", f"{r.translated_words}/{r.total_words}", str(r.fuzzy_words),
              str(r.untranslated_words)) for r in rows]
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]

    def fmt(row):
        return "  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
                         for i, cell in enumerate(row)).rstrip()
    return "\n".join([fmt(header)] + [fmt(line) for line in lines])


def as_json(rows: list[Progress]) -> str:
    return json.dumps([{**asdict(r), "total": r.total, "total_words": r.total_words,
                        "percent": round(r.percent, 2)} for r in rows],
                      indent=2, ensure_ascii=False)


def below(rows: list[Progress], percent: float) -> list[Progress]:
    """The language totals under `percent`."""
    return [r for r in rows if r.file == "total" and r.percent < percent]


@dataclass(frozen=True)
class Refusal:
    """Why a release leaves a language out: its share translated and what is missing."""

    language: str
    percent: float
    missing: tuple[str, ...]  # "file:line: untranslated|fuzzy: msgid"

    def describe(self) -> str:
        return (f"{self.language} is {self.percent:.1f} % translated; a release publishes "
                f"only complete languages. Translate these (or pass --allow-incomplete "
                "to publish with Finnish fallback):\n    " + "\n    ".join(self.missing))


def _missing(language: str, config: HandbookConfig, paths: CatalogPaths) -> list[str]:
    """Each untranslated or fuzzy message of a language, as file:line: state: msgid."""
    found = []
    for template_path in catalogs_for(language, config, paths):
        po_path = paths.po(language, template_path.stem)
        existing = read_catalog(po_path, locale=language) if po_path.is_file() else None
        lines = {m.id: m.lineno for m in existing or () if m.id}
        merged = merge(read_catalog(template_path), existing, language)
        for message in merged:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (
                message.string,)
            state = "untranslated" if not all(strings) else "fuzzy" if message.fuzzy else None
            if state is None:
                continue
            msgid = forms(message.id)[0]
            short = msgid if len(msgid) <= 60 else msgid[:57] + "..."
            where = (f"{relative(po_path)}:{lines[message.id]}" if message.id in lines
                     else f"{relative(po_path)} (not in the file yet: run `invoke "
                          f"i18n.update --lang {language}`)")
            found.append(f"{where}: {state}: {short!r}")
    return found


def release_gate(config: HandbookConfig, languages: list[Language],
                 paths: CatalogPaths = CatalogPaths()) -> dict[str, Refusal]:
    """The languages a release must not publish, each with what is missing; a language
    is complete when every message is translated and none is fuzzy (the source
    language: its interface strings)."""
    rows = status(config, languages, paths)
    return {row.language: Refusal(row.language, row.percent,
                                  tuple(_missing(row.language, config, paths)))
            for row in below(rows, 100.0)}
