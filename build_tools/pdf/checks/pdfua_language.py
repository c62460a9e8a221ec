"""PDF/UA-1 7.2 (ISO 32000-1 14.9.2): text in another language than the document's says so."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged, describe
from build_tools.pdf.tagging.structure import content_item, is_element


def _bare(text: str) -> str:
    return "".join(text.split())


def _texts(tagged: Tagged) -> list[tuple[pikepdf.Object, str]]:
    """Each element's text without white space, as structure.text_of reads it, each
    element's made once from its kids' (text_of per element would read a book's whole
    text again for every level above a paragraph)."""
    done: dict[tuple[int, int], str] = {}
    # Deepest first: tagged.elements is depth first, so reversed, kids come before parents.
    for element, _parent in reversed(tagged.elements):
        if "/ActualText" in element:
            done[element.objgen] = _bare(str(element.ActualText))
            continue
        pieces = []
        for kid in tagged.kids(element):
            item = content_item(kid, element)
            if item is None and is_element(kid):
                pieces.append(done.get(kid.objgen, ""))
            elif item is not None and item.page is not None and item.mcid is not None:
                pieces.append(_bare(tagged.texts.get((item.page, item.mcid), "")))
        done[element.objgen] = "".join(pieces)
    return [(element, done[element.objgen]) for element, _parent in tagged.elements]


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
    for element, text in _texts(tagged):
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
