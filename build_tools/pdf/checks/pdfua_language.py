"""PDF/UA-1 7.2 (ISO 32000-1 14.9.2): text in another language than the document's says so."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged, describe


def _bare(text: str) -> str:
    return "".join(text.split())


def parts_in_other_languages(tagged: Tagged, parts: tuple[tuple[str, str], ...]) -> Problems:
    """Matterhorn 11-001: each part the print HTML marks with another language (lang="fi"
    in a Swedish book) is read in it: an element with its text carries that /Lang, itself
    or through a parent. A part no element holds alone (hidden, or inside a longer text)
    is not judged here."""
    if not parts:
        return
    parents = {element.objgen: parent for element, parent in tagged.elements}
    document = str(tagged.pdf.Root.get("/Lang", ""))

    def language_of(element: pikepdf.Object | None) -> str:
        while isinstance(element, pikepdf.Dictionary) and "/S" in element:
            if "/Lang" in element:
                return str(element.Lang)
            element = parents.get(element.objgen)
        return document

    holders: dict[str, list[pikepdf.Object]] = {}
    wanted = {_bare(text) for _language, text in parts}
    for element, _parent in tagged.elements:
        text = _bare(tagged.text(element))
        if text in wanted:
            holders.setdefault(text, []).append(element)
    for language, text in dict.fromkeys(parts):
        found = holders.get(_bare(text), [])
        read_as = {language_of(element) for element in found}
        if found and language not in read_as:
            yield tagged.page_number(found[0]), (
                f"{describe(found[0])} {text[:60]!r} is {language} in the HTML but read as "
                f"{', '.join(sorted(read_as)) or 'no language'}: no /Lang {language} on it "
                "or a parent")
