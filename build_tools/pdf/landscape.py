"""Landscape pages turned onto the book's portrait pages, for paper.

On paper a table too wide for the text block gets a page of its own, laid out in
landscape (the CSS named page `wide-table`, print-landscape.css). A printed book has one
page size: the landscape page is turned a quarter anticlockwise onto a portrait page of
the trim size, so the reader turns the book clockwise to read the table.
"""

from __future__ import annotations

import pikepdf

_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def _is_landscape(page: pikepdf.Page) -> bool:
    left, bottom, right, top = (float(value) for value in page.obj.get("/TrimBox",
                                                                       page.mediabox))
    return right - left > top - bottom


def turn_landscape_pages(pdf: pikepdf.Pdf) -> int:
    """Turn each landscape page of `pdf` onto a portrait page; return how many were turned."""
    turned = 0
    for page in pdf.pages:
        if not _is_landscape(page):
            continue
        _left, bottom, _right, top = (float(value) for value in page.mediabox)
        # (x, y) -> (bottom + top - y, x): a quarter turn anticlockwise.
        shift = bottom + top
        page.contents_coalesce()
        content = page.obj.Contents.read_bytes()
        page.obj.Contents = pdf.make_stream(
            f"q 0 1 -1 0 {shift:.4f} 0 cm\n".encode() + content + b"\nQ\n")
        for name in _BOXES:
            if name in page.obj:
                x0, y0, x1, y1 = (float(value) for value in page.obj[name])
                page.obj[name] = pikepdf.Array([shift - y1, x0, shift - y0, x1])
        turned += 1
    return turned
