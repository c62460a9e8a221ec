"""Every font is embedded: a print shop and a reader's viewer get the shipped faces."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from build_tools.pdf.checks.common import Problems


def _fonts(resources: pikepdf.Object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    """Fonts in a resource dictionary and in the forms, tiling patterns and Type 3 glyphs
    it uses, each once (text in a pattern was not read: an unembedded font passed)."""
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
            if font.get("/Subtype") == "/Type3" and "/Resources" in font:
                yield from _fonts(font.Resources, seen)
    holders = [*(resources.get("/XObject") or {}).values(),
               *(resources.get("/Pattern") or {}).values()]
    for holder in holders:
        if "/Resources" in holder and holder.objgen not in seen and (
                holder.get("/Subtype") == "/Form" or holder.get("/PatternType") == 1):
            seen.add(holder.objgen)
            yield from _fonts(holder.Resources, seen)


def fonts_embedded(pdf: pikepdf.Pdf) -> Problems:
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        for font in _fonts(page.obj.get("/Resources") or pikepdf.Dictionary(), seen):
            if font.get("/Subtype") == "/Type3":
                continue  # drawn with PDF operators: nothing to embed
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", pikepdf.Dictionary())
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                yield number, f"font {font.get('/BaseFont')} is not embedded"
