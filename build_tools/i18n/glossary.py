"""The shared glossary (locale/glossary.csv): a translation must use the agreed term.

One row per Finnish term: `fi,sv,en,note` (what Weblate's and a spreadsheet's glossary
views show) and, per language, the forms that count as the term, `|`-separated, where
`*` stands for any ending: Finnish inflects (luottamushenkilö*, kaupun* for kaupunki
and kaupungin), Swedish and English add endings (förtroendevald*, trustee*).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.errors import TranslationError
from build_tools.i18n.catalogs import LOCALE_DIR, UI_DOMAIN, forms, read_catalog, relative

GLOSSARY_PATH = LOCALE_DIR / "glossary.csv"


@dataclass(frozen=True)
class Term:
    """One glossary row: the term in each language and the patterns that find it."""

    line: int
    terms: dict[str, str]
    note: str
    forms: dict[str, tuple[re.Pattern, ...]]

    def found(self, language: str, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.forms.get(language, ()))


def _pattern(form: str) -> re.Pattern:
    """A form as a case-insensitive pattern: whole words, `*` any ending."""
    words = [re.escape(word.removesuffix("*")) + (r"\w*" if word.endswith("*") else "")
             for word in form.split()]
    ending = "" if form.strip().endswith("*") else r"(?!\w)"
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + ending, re.IGNORECASE)


def load_glossary(path: Path = GLOSSARY_PATH) -> list[Term]:
    """The glossary's rows; a row without forms for a language matches its term."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    header, terms = rows[0], []
    languages = [name for name in header if name != "note" and not name.endswith("_forms")]
    for line, row in enumerate(rows[1:], 2):
        values = dict(zip(header, row, strict=False))
        if not values.get("fi"):
            raise TranslationError(f"{relative(path)}:{line}: a row without its Finnish term")
        forms = {language: tuple(_pattern(form) for form in
                                 (values.get(f"{language}_forms") or values.get(language, ""))
                                 .split("|") if form.strip())
                 for language in languages}
        terms.append(Term(line, {language: values.get(language, "") for language in languages},
                          values.get("note", ""), forms))
    return terms


def glossary_problems(po_path: Path, language: str, source_language: str,
                      terms: list[Term]) -> list[str]:
    """Each translated message whose source has a glossary term its msgstr lacks."""
    if po_path.stem == UI_DOMAIN or not terms:
        return []  # the UI catalog's msgids are English interface strings
    try:
        catalog = read_catalog(po_path, locale=None)
    except TranslationError:
        return []  # the catalog check reports it with its line; the other files still count
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        msgid = forms(message.id)[0]
        msgstr = " ".join(forms(message.string))
        for term in terms:
            if (term.found(source_language, msgid) and term.terms.get(language)
                    and not term.found(language, msgstr)):
                short = msgid if len(msgid) <= 60 else msgid[:57] + "..."
                problems.append(
                    f"{relative(po_path)}:{message.lineno}: msgid {short!r}: glossary: "
                    f"{term.terms[source_language]!r} is {term.terms[language]!r} in "
                    f"{language} ({relative(GLOSSARY_PATH)}:{term.line})")
    return problems


def check_glossary(languages: list[str], source_language: str,
                   locale_dir: Path = LOCALE_DIR, path: Path = GLOSSARY_PATH) -> list[str]:
    """Glossary problems in every catalog of `languages` (the source language has none)."""
    terms = load_glossary(path)
    return [problem for language in languages if language != source_language
            for po in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po"))
            for problem in glossary_problems(po, language, source_language, terms)]


def export_for_weblate(language: str, source_language: str, destination: Path,
                       path: Path = GLOSSARY_PATH) -> Path:
    """One language's glossary as a bilingual CSV (source, target, developer_comments),
    the columns Weblate's glossary upload and translate-toolkit read."""
    rows = [("source", "target", "developer_comments")]
    rows += [(term.terms[source_language], term.terms.get(language, ""), term.note)
             for term in load_glossary(path)]
    destination.parent.mkdir(parents=True, exist_ok=True)
    with open(destination, "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    return destination
