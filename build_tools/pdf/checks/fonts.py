"""Every font is embedded: a print shop and a reader's viewer get the shipped faces."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from build_tools.pdf.checks.common import Problems


def _fonts(resources: pikepdf.Object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    """Fonts in a resource dictionary and in the form XObjects it uses, each once."""
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject \
                and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.Resources, seen)


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
