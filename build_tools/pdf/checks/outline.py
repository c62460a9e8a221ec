"""Bookmarks: the first level lists the chapters, each pointing at its page."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Expectation, Problems


def bookmark_pages(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """The first-level bookmarks: (title, 0-based page index)."""
    names = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root \
        and "/Dests" in pdf.Root.Names else {}
    marks = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            destination = item.destination
            if not isinstance(destination, pikepdf.Array):
                destination = names[str(destination)]
            marks.append((item.title, pikepdf.Page(destination[0]).index))
    return marks


def chapters(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    with pdf.open_outline() as outline:
        titles = tuple(item.title for item in outline.root)
    if titles != expect.chapters:
        yield None, f"bookmarks {list(titles)} differ from the chapters {list(expect.chapters)}"
