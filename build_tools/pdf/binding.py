"""Whole sheets for a saddle-stitched book: blank pages before the back cover, laid out by
WeasyPrint itself, so that the footers' "page / pages" count the pages the file has."""

from __future__ import annotations

from build_tools.errors import BuildError

SADDLE_STITCH = "saddle-stitch"
# A saddle-stitched sheet, folded once, is four pages.
SHEET_PAGES = 4
# print-two-sided.css gives each its own page, with no running head or page number.
BLANK_PAGE = '<div class="binding-blank"></div>'
BACK_COVER = '<section class="back-cover'


def blank_pages_needed(pages: int) -> int:
    """The blank pages that complete the last sheet of a book of `pages` pages."""
    return -pages % SHEET_PAGES


def with_blank_pages(html: str, count: int, name: str) -> str:
    """The print HTML with `count` blank pages just before the back cover, which stays the
    last page. Blank pages added to the finished PDF would leave every footer saying
    "n / 14" in a 16-page file, where a print shop and a reader count 16."""
    if not count:
        return html
    if BACK_COVER not in html:
        raise BuildError(f"{name}: no back cover ({BACK_COVER}...>) to put the binding's blank "
                         "pages before; rebuild it with `invoke pdf`")
    return html.replace(BACK_COVER, BLANK_PAGE * count + BACK_COVER, 1)
