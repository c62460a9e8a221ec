"""PDF/X (ISO 15930): identification, output intent, trim and bleed boxes."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import (
    TOLERANCE_PT,
    Expectation,
    Problems,
    box,
    close,
    media_box,
    mm,
    xmp,
)
from build_tools.pdf.imposition import MM, SIZES_PT


def identification(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    wanted = "PDF/X-" + expect.variant.pdf_variant.split("-", 1)[1].upper()
    found = xmp(pdf, "pdfxid:GTS_PDFXVersion")
    if found != wanted:
        yield None, f"XMP pdfxid:GTS_PDFXVersion is {found or 'missing'}, expected {wanted}"
    intents = [intent for intent in pdf.Root.get("/OutputIntents") or []
               if intent.get("/S") == "/GTS_PDFX" and "/DestOutputProfile" in intent]
    if not intents:
        yield None, "no PDF/X output intent with a destination profile"


def boxes(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    width, height = SIZES_PT[expect.page_size]
    bleed = expect.variant.bleed_mm * MM
    for number, page in enumerate(pdf.pages, 1):
        trim, bleed_box = box(page, "/TrimBox"), box(page, "/BleedBox")
        if trim is None or bleed_box is None:
            yield number, "no TrimBox" if trim is None else "no BleedBox"
            continue
        if not close((trim[2] - trim[0], trim[3] - trim[1]), (width, height)):
            yield number, (f"TrimBox is {mm(trim[2] - trim[0])} x {mm(trim[3] - trim[1])} mm, "
                           f"expected {expect.page_size}")
        expected_bleed = (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed)
        if not close(bleed_box, expected_bleed):
            yield number, (f"BleedBox is not the trim box plus {expect.variant.bleed_mm} mm "
                           "each side")
        media = media_box(page)
        if not (media[0] <= bleed_box[0] + TOLERANCE_PT
                and media[1] <= bleed_box[1] + TOLERANCE_PT
                and media[2] >= bleed_box[2] - TOLERANCE_PT
                and media[3] >= bleed_box[3] - TOLERANCE_PT):
            yield number, "MediaBox does not contain the BleedBox"
