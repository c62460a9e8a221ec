"""Raster images checked for print: pixels per inch at the size they are printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A print shop's usual minimum for photographs at their printed size.
MINIMUM_DPI = 300


def low_resolution_images(path: Path, minimum_dpi: int = MINIMUM_DPI
                          ) -> Iterator[tuple[int, str]]:
    """(1-based page, problem) for each raster image printed below `minimum_dpi`.

    Vector images (SVG) are drawn as paths and never appear here.
    """
    document = pdfium.PdfDocument(path)
    try:
        for number, page in enumerate(document, 1):
            for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                width_px, height_px = image.get_px_size()
                left, bottom, right, top = image.get_bounds()
                width_in, height_in = (right - left) / 72, (top - bottom) / 72
                if width_in <= 0 or height_in <= 0:
                    continue
                dpi = min(width_px / width_in, height_px / height_in)
                if dpi < minimum_dpi:
                    yield number, (f"an image of {width_px}x{height_px} px is printed at "
                                   f"{width_in * 25.4:.0f}x{height_in * 25.4:.0f} mm: "
                                   f"{dpi:.0f} dpi, below {minimum_dpi}; use a larger image "
                                   "or print it smaller")
    finally:
        document.close()
