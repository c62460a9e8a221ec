"""Nothing visible outside the trim box: the guillotine cuts no text."""

from __future__ import annotations

import pypdfium2 as pdfium

from build_tools.pdf.checks.common import Problems, inside


def text_inside_trim(document: pdfium.PdfDocument) -> Problems:
    """Every visible character lies inside the page's trim box (pdfium's char boxes)."""
    for index in range(len(document)):
        page = document[index]
        left, bottom, right, top = page.get_trimbox()
        text = page.get_textpage()
        outside = [text.get_text_range(i, 1) for i in range(text.count_chars())
                   if text.get_text_range(i, 1).strip()
                   and not inside(text.get_charbox(i), (left, bottom, right, top))]
        if outside:
            yield index + 1, (f"{len(outside)} character(s) outside the trim box: "
                              f"{''.join(outside)[:40]!r}")
