"""Booklets: A4 landscape sheets, duplex on the short edge, pages in saddle-stitch order."""

from __future__ import annotations

import re

import pikepdf
import pypdfium2 as pdfium

from build_tools.pdf.checks.common import Expectation, Problems, close, media_box
from build_tools.pdf.imposition import BOOKLET_PDF_VERSION, SIZES_PT, sheet_layout

_FOOTER = re.compile(r"\b(\d+) / (\d+)\b")


def sheets(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    height, width = SIZES_PT[expect.variant.sheet_size]
    for number, page in enumerate(pdf.pages, 1):
        media = media_box(page)
        if not close((media[2] - media[0], media[3] - media[1]), (width, height)):
            yield number, f"the sheet is not {expect.variant.sheet_size} landscape"
    if (2 * len(pdf.pages)) % 4:
        yield None, f"{2 * len(pdf.pages)} booklet pages is not a multiple of 4"
    preferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
    if preferences.get("/Duplex") != "/DuplexFlipShortEdge":
        yield None, "ViewerPreferences /Duplex is not /DuplexFlipShortEdge"
    elif _version(pdf.pdf_version) < _version(BOOKLET_PDF_VERSION):
        yield None, (f"ISO 32000-1, table 150: /Duplex is PDF {BOOKLET_PDF_VERSION}, the "
                     f"header says %PDF-{pdf.pdf_version}")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def page_order(document: pdfium.PdfDocument) -> Problems:
    """Each half sheet carries the page whose number its footer shows, in saddle-stitch order.

    Read from the footers ('n / total'); pages without one (cover, blanks, back cover)
    are only checked where a padding blank must leave a half sheet empty.
    """
    halves = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        text = page.get_textpage()
        halves.append((text.get_text_bounded(0, 0, width / 2, height),
                       text.get_text_bounded(width / 2, 0, width, height)))
    totals = {int(match.group(2)) for pair in halves for half in pair
              for match in _FOOTER.finditer(half)}
    if len(totals) != 1:
        yield None, f"cannot read one page total from the footers (found {sorted(totals)})"
        return
    total = totals.pop()
    if 2 * len(halves) != total + (-total % 4):
        yield None, f"{len(halves)} sheet sides do not hold {total} pages padded to a multiple of 4"
        return
    for index, (expected, found) in enumerate(zip(sheet_layout(total), halves, strict=True), 1):
        for slot, source, text in zip(("left", "right"), expected, found, strict=True):
            numbers = [int(match.group(1)) for match in _FOOTER.finditer(text)]
            if source is None and text.strip():
                yield index, f"the {slot} half should be a padding blank but has text"
            elif numbers and numbers != [source]:
                yield index, f"the {slot} half shows page {numbers[0]}, expected page {source}"
