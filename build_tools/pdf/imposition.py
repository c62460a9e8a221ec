"""Impose pages two-up in saddle-stitch order, as vector PDF (pikepdf), for office booklets."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import pikepdf

from build_tools.pdf.landscape import turn_landscape_pages

# ISO 216 sizes in points (portrait width, height).
MM = 72 / 25.4
SIZES_PT = {"A4": (210 * MM, 297 * MM), "A5": (148 * MM, 210 * MM)}
BOOKLET_PDF_VERSION = "1.7"


def booklet_pages(page_count: int) -> list[int | None]:
    """The booklet's pages in reading order: source page numbers (1-based), None for a blank.

    A saddle-stitched booklet needs a multiple of four pages. The missing ones are blanks
    put just before the last page, the back cover, so that no chapter is interrupted.
    """
    if page_count < 2:
        raise ValueError("a booklet needs at least a cover and a back cover, not "
                         f"{page_count} page(s)")
    padding = -page_count % 4
    return [*range(1, page_count), *[None] * padding, page_count]


def saddle_stitch_sides(page_count: int) -> list[tuple[int, int]]:
    """(left, right) booklet positions (1-based) on each sheet side, front then back, per sheet.

    `page_count` is a multiple of four. Sheet k (from the outside in) carries the last and
    the first pages on its front and the second and second-to-last on its back; printed
    duplex with the flip on the short edge, the back needs no rotation.
    """
    if page_count % 4:
        raise ValueError(f"saddle stitching needs a multiple of 4 pages, not {page_count}")
    sides = []
    for sheet in range(page_count // 4):
        low, high = 2 * sheet + 1, page_count - 2 * sheet
        sides += [(high, low), (low + 1, high - 1)]
    return sides


def sheet_layout(page_count: int) -> list[tuple[int | None, int | None]]:
    """(left, right) source page numbers on each sheet side; None where a blank falls."""
    pages = booklet_pages(page_count)
    return [(pages[left - 1], pages[right - 1]) for left, right in saddle_stitch_sides(len(pages))]


def impose_booklet(source: bytes | Path, target: BinaryIO | Path, sheet_size: str) -> int:
    """Place the trim box of each source page two-up on landscape sheets; return the sheet sides.

    Each page becomes a form XObject (vector, fonts shared), placed with a translation only:
    two trim boxes meet at the fold in the middle of the sheet.
    """
    sheet_height, sheet_width = SIZES_PT[sheet_size]
    with pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source) as pdf, \
            pikepdf.new() as out:
        turn_landscape_pages(pdf)
        forms = [out.copy_foreign(page.as_form_xobject()) for page in pdf.pages]
        for left, right in sheet_layout(len(pdf.pages)):
            side = out.add_blank_page(page_size=(sheet_width, sheet_height))
            side.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary())
            operations = []
            for slot, number in (("left", left), ("right", right)):
                if number is None:
                    continue
                form = forms[number - 1]
                x0, y0, x1, y1 = (float(value) for value in form.BBox)
                x = sheet_width / 2 - (x1 - x0) if slot == "left" else sheet_width / 2
                y = (sheet_height - (y1 - y0)) / 2
                name = pikepdf.Name(f"/P{number}")
                side.Resources.XObject[name] = form
                operations.append(f"q 1 0 0 1 {x - x0:.4f} {y - y0:.4f} cm {name} Do Q")
            side.Contents = out.make_stream("\n".join(operations).encode())
        _copy_document_info(pdf, out)
        # pikepdf.new() writes %PDF-1.3; /Duplex is PDF 1.7 (ISO 32000-1, table 150) and
        # the placed pages keep their transparency groups (PDF 1.4).
        out.save(target, deterministic_id=True, min_version=BOOKLET_PDF_VERSION)
        return len(out.pages)


def _copy_document_info(source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
    """Title, language and print settings: the booklet prints duplex, at 100 %, flipped short."""
    for key in ("/Title", "/Author", "/Subject", "/Keywords"):
        if key in source.docinfo:
            out.docinfo[key] = source.docinfo[key]
    if "/Lang" in source.Root:
        out.Root.Lang = source.Root.Lang
    out.Root.ViewerPreferences = pikepdf.Dictionary(
        Duplex=pikepdf.Name.DuplexFlipShortEdge, PrintScaling=pikepdf.Name("/None"),
        DisplayDocTitle=True)
