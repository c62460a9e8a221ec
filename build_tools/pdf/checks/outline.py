"""Bookmarks: the first level lists the chapters, each pointing at its page."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Problems


def bookmark_pages(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """The first-level bookmarks: (title, 0-based page index)."""
    names = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root \
        and "/Dests" in pdf.Root.Names else {}
    marks = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            # A destination is an explicit [page ...] array or the name of one.
            destination = item.destination
            explicit = (destination if isinstance(destination, pikepdf.Array)
                        else names[str(destination)])
            marks.append((item.title, pikepdf.Page(explicit[0]).index))
    return marks


def present(pdf: pikepdf.Pdf) -> Problems:
    with pdf.open_outline() as outline:
        if not any(item.title.strip() for item in outline.root):
            yield None, "the PDF has no bookmarks (outline)"


def chapters(pdf: pikepdf.Pdf, expected: tuple[str, ...]) -> Problems:
    with pdf.open_outline() as outline:
        titles = tuple(item.title for item in outline.root)
    if titles != expected:
        yield None, f"bookmarks {list(titles)} differ from the chapters {list(expected)}"
