"""PDF/X (ISO 15930-7, PDF/X-4) and what a press needs beyond it: identification, output
intent, page boxes and slug, annotations, inks, crop marks, page count for the binding.

Each problem starts with the rule it breaks: a requirement of ISO 15930-7 by its subject
(the clause numbers could not be checked against the standard's text here), or "press"
for this project's own rule for a press-ready file.
"""

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
from build_tools.pdf.checks.inks import ColourUse, Stroke, registration_strokes, scan
from build_tools.pdf.colour import condition
from build_tools.pdf.imposition import MM, SIZES_PT

IDENTIFICATION = "ISO 15930-7, identification"
OUTPUT_INTENT = "ISO 15930-7, output intent"
PAGE_BOXES = "ISO 15930-7, page boxes"
ANNOTATIONS = "ISO 15930-7, annotations in the printable area"
DEVICE_COLOUR = "ISO 15930-7, device colour not matching the output intent"
RGB_IN_CMYK = "press: RGB colour in a CMYK print file"
RICH_GREY = "press: text and greys in black ink only"
SPOT_COLOUR = "press: a spot colour in a CMYK print file"
ENCRYPTION = "ISO 15930-7, encryption"
SLUG = "press: a slug outside the bleed"
CROP_MARKS = "press: crop marks in the slug"
BINDING = "press: pages for the binding"
# Annotations PDF/X allows inside the bleed box.
_PRINTING_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}
# Below this share of ink a component counts as none (rounding in the colour values).
_NO_INK = 0.005


def identification(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    wanted = "PDF/X-" + expect.variant.pdf_variant.split("-", 1)[1].upper()
    if pdf.is_encrypted:
        yield None, f"{ENCRYPTION}: the file is encrypted; a PDF/X file may not be"
    found = xmp(pdf, "pdfxid:GTS_PDFXVersion")
    if found != wanted:
        yield None, (f"{IDENTIFICATION}: XMP pdfxid:GTS_PDFXVersion is {found or 'missing'}, "
                     f"expected {wanted}")


def output_intent(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    """One GTS_PDFX output intent whose profile has the components of the declared condition."""
    intents = [intent for intent in pdf.Root.get("/OutputIntents") or []
               if intent.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1 or "/DestOutputProfile" not in intents[0]:
        yield None, (f"{OUTPUT_INTENT}: {len(intents)} GTS_PDFX output intents; expected one "
                     "with a destination profile (DestOutputProfile)")
        return
    printing, intent = condition(expect.variant.output_intent), intents[0]
    if printing is None:
        return
    components = int(intent.DestOutputProfile.get("/N", 0))
    if components != printing.components:
        yield None, (f"{OUTPUT_INTENT}: the destination profile has N={components} "
                     f"components; output_intent {printing.name!r} is N={printing.components} "
                     f"(object {intent.DestOutputProfile.objgen[0]})")
    identifier = str(intent.get("/OutputConditionIdentifier", ""))
    if printing.registry_identifier and identifier != printing.registry_identifier:
        yield None, (f"{OUTPUT_INTENT}: OutputConditionIdentifier is {identifier!r}, expected "
                     f"{printing.registry_identifier!r} (the ICC registry's name)")


def boxes(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    width, height = SIZES_PT[expect.page_size]
    bleed, slug = expect.variant.bleed_mm * MM, expect.variant.slug_mm * MM
    for number, page in enumerate(pdf.pages, 1):
        trim, bleed_box = box(page, "/TrimBox"), box(page, "/BleedBox")
        if trim is None or bleed_box is None:
            yield number, f"{PAGE_BOXES}: " + ("no TrimBox" if trim is None else "no BleedBox")
            continue
        if "/ArtBox" in page.obj:
            yield number, f"{PAGE_BOXES}: both TrimBox and ArtBox; a page has one of the two"
        if not close((trim[2] - trim[0], trim[3] - trim[1]), (width, height)):
            yield number, (f"{PAGE_BOXES}: TrimBox is {mm(trim[2] - trim[0])} x "
                           f"{mm(trim[3] - trim[1])} mm, expected {expect.page_size}")
        expected_bleed = (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed)
        if not close(bleed_box, expected_bleed):
            yield number, (f"{PAGE_BOXES}: BleedBox is not the trim box plus "
                           f"{expect.variant.bleed_mm} mm each side")
        media = media_box(page)
        margins = (bleed_box[0] - media[0], bleed_box[1] - media[1],
                   media[2] - bleed_box[2], media[3] - bleed_box[3])
        if min(margins) < -TOLERANCE_PT:
            yield number, f"{PAGE_BOXES}: MediaBox does not contain the BleedBox"
        elif min(margins) < slug - TOLERANCE_PT:
            yield number, (f"{SLUG}: MediaBox reaches {mm(min(margins))} mm beyond the "
                           f"BleedBox, expected slug_mm = {expect.variant.slug_mm}")


def no_annotations(pdf: pikepdf.Pdf) -> Problems:
    """No annotation but PrinterMark and TrapNet may touch the bleed box."""
    for number, page in enumerate(pdf.pages, 1):
        area = box(page, "/BleedBox") or media_box(page)
        for annotation in page.obj.get("/Annots") or []:
            subtype = str(annotation.get("/Subtype", "/?"))
            left, bottom, right, top = sorted_rect(annotation.get("/Rect", [0, 0, 0, 0]))
            touches = (left < area[2] and right > area[0] and bottom < area[3]
                       and top > area[1])
            if subtype not in _PRINTING_ANNOTATIONS and touches:
                yield number, (f"{ANNOTATIONS}: {subtype.lstrip('/')} annotation "
                               f"(object {annotation.objgen[0]}) inside the BleedBox")


def sorted_rect(rect) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(value) for value in rect)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def inks(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    """With a CMYK intent: no RGB at all, and no neutral colour built from C, M and Y;
    with any intent: the crop marks."""
    uses, strokes = scan(pdf)
    printing = condition(expect.output_intent)
    reported = set()
    for use in uses if printing is not None and printing.components == 4 else []:
        problem = _ink_problem(use)
        if problem and (use.page, problem) not in reported:
            reported.add((use.page, problem))
            yield use.page, problem
    yield from crop_marks(pdf, expect, strokes)


def _ink_problem(use: ColourUse) -> str | None:
    values = ", ".join(f"{value:g}" for value in use.values)
    if use.space in ("RGB", "ICC RGB", "CalRGB"):
        # PDF/X-4 admits ICC-based RGB (the press converts it); a press file has none.
        rule = DEVICE_COLOUR if use.space == "RGB" else RGB_IN_CMYK
        return f"{rule}: {use.space} {values or 'colour space'} in the {use.where}"
    if use.space == "Separation":
        return (f"{SPOT_COLOUR}: a Separation colour space in the {use.where} is a plate of "
                "its own, beside cyan, magenta, yellow and black")
    if use.space in ("CMYK", "ICC CMYK") and len(use.values) == 4 \
            and min(use.values[:3]) > _NO_INK:
        return (f"{RICH_GREY}: CMYK {values} in the {use.where} mixes cyan, magenta and "
                "yellow (a four-colour grey or black)")
    return None


def crop_marks(pdf: pikepdf.Pdf, expect: Expectation, strokes: list[Stroke]) -> Problems:
    """Eight registration-colour marks a page, none of them inside the BleedBox."""
    if not expect.variant.crop_marks:
        return
    for number, page in enumerate(pdf.pages, 1):
        bleed_box = box(page, "/BleedBox")
        segments = [segment for stroke in registration_strokes(strokes, number)
                    for segment in stroke.segments]
        if len(segments) < 8:
            yield number, (f"{CROP_MARKS}: {len(segments)} crop mark(s) in registration "
                           "colour (/Separation /All), expected 8")
        inside = [segment for segment in segments if bleed_box and any(
            _inside((x, y), bleed_box) for x, y in (*segment, _middle(segment)))]
        if inside:
            yield number, f"{CROP_MARKS}: {len(inside)} crop mark(s) inside the BleedBox"


def _middle(segment):
    (x0, y0), (x1, y1) = segment
    return (x0 + x1) / 2, (y0 + y1) / 2


def _inside(point, area) -> bool:
    x, y = point
    return (area[0] + TOLERANCE_PT < x < area[2] - TOLERANCE_PT
            and area[1] + TOLERANCE_PT < y < area[3] - TOLERANCE_PT)


def binding(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    if expect.variant.binding == "saddle-stitch" and len(pdf.pages) % 4:
        yield None, (f"{BINDING}: {len(pdf.pages)} pages; a saddle-stitched book needs a "
                     "multiple of 4")
