"""Booklet imposition: saddle-stitch order, padding before the back cover, a real imposed PDF."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from build_tools.pdf.imposition import (
    SIZES_PT,
    booklet_pages,
    impose_booklet,
    saddle_stitch_sides,
    sheet_layout,
)

# Written out by hand from a folded dummy: sheet 1 front, sheet 1 back, sheet 2 front, ...
EIGHT = [(8, 1), (2, 7), (6, 3), (4, 5)]
TWELVE = [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]


def test_eight_pages_on_two_sheets():
    assert saddle_stitch_sides(8) == EIGHT


def test_twelve_pages_on_three_sheets():
    assert saddle_stitch_sides(12) == TWELVE


def test_blanks_go_before_the_back_cover():
    assert booklet_pages(8) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert booklet_pages(10) == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None, 10]
    assert booklet_pages(7) == [1, 2, 3, 4, 5, 6, None, 7]
    # The 10-page document on 12 booklet pages: the back cover stays outermost.
    assert sheet_layout(10) == [(10, 1), (2, None), (None, 3), (4, 9), (8, 5), (6, 7)]


def test_a_page_count_that_cannot_fold_is_refused():
    with pytest.raises(ValueError, match="multiple of 4"):
        saddle_stitch_sides(10)
    with pytest.raises(ValueError, match="at least a cover"):
        booklet_pages(1)


def numbered_pages(count: int) -> bytes:
    """An A5 document whose page n shows the word 'Pn' in its middle."""
    pages = "".join(f'<p style="break-after: page; margin: 80mm 0 0; text-align: center">P{n}</p>'
                    for n in range(1, count + 1))
    html = f"<html><head><style>@page {{ size: A5; margin: 10mm }}</style></head><body>{pages}</body></html>"
    return HTML(string=html).write_pdf()


def halves(document: pdfium.PdfDocument, index: int) -> tuple[list[int], list[int]]:
    """Page numbers ('Pn') drawn on the left and right half of a sheet side."""
    page = document[index]
    width, height = page.get_size()
    text = page.get_textpage()
    return tuple([int(n) for n in re.findall(r"P(\d+)", text.get_text_bounded(left, 0, right, height))]
                 for left, right in ((0, width / 2), (width / 2, width)))


@pytest.mark.parametrize("count, expected", [(8, EIGHT), (12, TWELVE), (10, sheet_layout(10))])
def test_imposed_pdf_puts_each_page_on_its_half_sheet(count, expected):
    target = io.BytesIO()
    sides = impose_booklet(numbered_pages(count), target, "A4")
    reader = PdfReader(target)
    assert sides == len(reader.pages) == len(expected)
    height, width = SIZES_PT["A4"]
    for index, (left, right) in enumerate(expected):
        box = reader.pages[index].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (round(width), round(height))
        assert halves(pdfium.PdfDocument(target.getvalue()), index) == ([left] if left else [], [right] if right else []), index
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipShortEdge"
