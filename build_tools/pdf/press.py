"""Finish a print-shop PDF after WeasyPrint (pikepdf): no annotations, a slug with crop
marks, the output condition named as a press knows it. (The blank pages a binding needs
are laid out by WeasyPrint: binding.py.)

Each step repairs what WeasyPrint 70 writes for a PDF/X variant:
- a /Link annotation for every <a href> (PDF/X allows none in the printable area but
  PrinterMark and TrapNet, and a link cannot be followed on paper);
- MediaBox = BleedBox: no paper outside the bleed, so `marks: crop` draws the crop marks
  inside the bleed (over the cover's blue band) and in RGB black;
- an ArtBox beside the TrimBox (PDF/X wants one of the two, the TrimBox here);
- the ICC profile's description as OutputConditionIdentifier, not a registered condition;
- raster images in RGB whatever the output intent (raster_inks.py converts them).
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from build_tools.config import CROP_MARK_MM, Variant
from build_tools.pdf.colour import ICC_REGISTRY, cmyk_conversion, condition
from build_tools.pdf.imposition import MM
from build_tools.pdf.landscape import turn_landscape_pages
from build_tools.pdf.raster_inks import convert_images

# Hairline crop marks, as press tools draw them.
MARK_WIDTH_PT = 0.25
# Crop marks print on every plate: the colorant "All" (ISO 32000-1, 8.6.6.4).
REGISTRATION = "/Registration"


def finish(source: bytes, target, variant: Variant, image_cache: Path | None = None) -> int:
    """Write the finished PDF of `variant` from WeasyPrint's `source`; return its page count.

    `image_cache` keeps the images converted to the variant's CMYK for the next render.
    """
    with pikepdf.open(io.BytesIO(source)) as pdf:
        images_in_print_inks(pdf, variant, image_cache)
        remove_annotations(pdf)
        turn_landscape_pages(pdf)
        for page in pdf.pages:
            add_slug(page, variant.slug_mm * MM)
            if variant.crop_marks:
                draw_crop_marks(pdf, page, variant.bleed_mm * MM)
        name_output_condition(pdf, variant.output_intent)
        pdf.save(target, deterministic_id=True)
        return len(pdf.pages)


def images_in_print_inks(pdf: pikepdf.Pdf, variant: Variant,
                         image_cache: Path | None = None) -> None:
    """Raster images in the CMYK of the variant's printing condition, if it is CMYK."""
    inks = cmyk_conversion(variant.output_intent)
    if inks is not None:
        convert_images(pdf, inks, image_cache)


def pages_in_print_inks(source: bytes, variant: Variant, image_cache: Path | None) -> bytes:
    """WeasyPrint's `source` with the images of `images_in_print_inks`: the pages a booklet
    imposes when their print file is not written in the same render."""
    if cmyk_conversion(variant.output_intent) is None:
        return source
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(source)) as pdf:
        images_in_print_inks(pdf, variant, image_cache)
        pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def remove_annotations(pdf: pikepdf.Pdf) -> None:
    """Drop every annotation: the print file is for paper; its links are in the screen file.

    The print variant is written untagged (render.py), so no structure element points at
    an annotation that is removed here.
    """
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]


def _box(page: pikepdf.Page, name: str) -> list[float]:
    return [float(value) for value in page.obj.get(name, page.obj.MediaBox)]


def add_slug(page: pikepdf.Page, slug: float) -> None:
    """The MediaBox grows `slug` points beyond the BleedBox on every side; the CropBox
    shows the whole sheet and the ArtBox goes (the TrimBox says where the page is cut)."""
    left, bottom, right, top = _box(page, "/BleedBox")
    media = pikepdf.Array([left - slug, bottom - slug, right + slug, top + slug])
    page.obj.MediaBox = media
    page.obj.CropBox = pikepdf.Array(media)
    if "/ArtBox" in page.obj:
        del page.obj["/ArtBox"]


def crop_mark_lines(trim: list[float], bleed: float) -> list[tuple[float, float, float, float]]:
    """(x0, y0, x1, y1) of the eight crop marks: each trim edge extended outwards, from the
    bleed's edge for CROP_MARK_MM, so that no mark reaches into the bleed."""
    length = CROP_MARK_MM * MM
    left, bottom, right, top = trim
    lines = []
    for x, out_x in ((left, -1), (right, 1)):
        for y, out_y in ((bottom, -1), (top, 1)):
            lines.append((x + out_x * bleed, y, x + out_x * (bleed + length), y))
            lines.append((x, y + out_y * bleed, x, y + out_y * (bleed + length)))
    return lines


def draw_crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, bleed: float) -> None:
    """Crop marks in the slug, in registration colour, after the page's own content (which
    is wrapped in q/Q so that none of its graphics state leaks into the marks)."""
    if "/Resources" not in page.obj:
        page.obj.Resources = pikepdf.Dictionary()
    if "/ColorSpace" not in page.obj.Resources:
        page.obj.Resources.ColorSpace = pikepdf.Dictionary()
    page.obj.Resources.ColorSpace[REGISTRATION] = pikepdf.Array([
        pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK,
        pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1],
                           N=1)])
    lines = " ".join(f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l"
                     for x0, y0, x1, y1 in crop_mark_lines(_box(page, "/TrimBox"), bleed))
    marks = f"Q q {REGISTRATION} CS 1 SCN {MARK_WIDTH_PT} w 0 J [] 0 d {lines} S Q"
    page.contents_add(pdf.make_stream(b"q"), prepend=True)
    page.contents_add(pdf.make_stream(marks.encode()), prepend=False)


def name_output_condition(pdf: pikepdf.Pdf, output_intent: str) -> None:
    """The output intent names its condition as registered with the ICC (FOGRA39), so a
    press's preflight recognises it; the embedded profile stays the destination."""
    printing = condition(output_intent)
    if printing is None or printing.registry_identifier is None:
        return
    for intent in pdf.Root.get("/OutputIntents") or []:
        if intent.get("/S") == "/GTS_PDFX":
            description = intent.get("/Info", printing.registry_identifier)
            intent.OutputConditionIdentifier = printing.registry_identifier
            intent.RegistryName = ICC_REGISTRY
            intent.OutputCondition = description
            intent.Info = description
