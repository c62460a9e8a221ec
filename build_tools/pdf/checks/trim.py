"""Nothing visible outside the trim box: the guillotine cuts no text."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from build_tools.pdf.checks.common import Problems, inside


def text_inside_trim(document: pdfium.PdfDocument) -> Problems:
    """Every visible character lies inside the page's trim box (pdfium's char boxes)."""
    # One set of out-parameters for every call: pypdfium2's get_charbox and
    # get_text_range allocate per call, and a 250-page book has ~400,000 characters.
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    boxes = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    for index in range(len(document)):
        page = document[index]
        trim = page.get_trimbox()
        text = page.get_textpage()
        if _runs_inside(text, trim, left, right, bottom, top):
            continue
        outside = []
        for i in range(text.count_chars()):
            # The box first, the text only of a character outside: the same test as
            # "visible and outside", for a fraction of the calls.
            if pdfium_c.FPDFText_GetCharBox(text, i, *boxes) and inside(
                    (left.value, bottom.value, right.value, top.value), trim):
                continue
            character = text.get_text_range(i, 1)
            # A character pdfium has no box for fails as pypdfium2 fails it.
            if character.strip() and not inside(text.get_charbox(i), trim):
                outside.append(character)
        if outside:
            yield index + 1, (f"{len(outside)} character(s) outside the trim box: "
                              f"{''.join(outside)[:40]!r}")


def _runs_inside(text: pdfium.PdfTextPage, trim, left, right, bottom, top) -> bool:
    """Whether pdfium's rectangles around the page's runs of characters (one per text
    object, the union of its characters' boxes: ~40 times fewer calls than one per
    character) all lie inside the trim box; then so does every character that draws.

    pdfium leaves out of these rectangles only the spaces it generates and characters
    whose box is under 0.01 pt wide or tall (a glyph without an outline); a page with a
    rectangle outside is read character by character.
    """
    corners = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
    for i in range(pdfium_c.FPDFText_CountRects(text, 0, -1)):
        if not (pdfium_c.FPDFText_GetRect(text, i, *corners) and inside(
                (left.value, bottom.value, right.value, top.value), trim)):
            return False
    return True
