"""The blank pages of a saddle-stitched binding, settled inside WeasyPrint's one layout.

How many blank pages complete the last sheet is known only once the book is laid out,
and the footers must count them ("3 / 8", binding.py). Laying the book out a second time
with the blanks doubled the print file's render. Instead the print HTML carries the most
blanks a sheet can need (SHEET_PAGES - 1), their boxes are taken out of the box tree
before the first page is made, and after each pagination pass of WeasyPrint 70
(weasyprint.layout.layout_document, which repeats make_all_pages until page-based
counters settle) as many as the page count needs are put back before the back cover.
The page before them is marked for remaking, so the next pass lays out only the last
few pages again, and the footers, made after the last pass, count the blanks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from weasyprint import layout as weasyprint_layout

from build_tools.pdf import binding

BLANK_CLASS = "binding-blank"
_MAKE_ALL_PAGES = weasyprint_layout.make_all_pages


@dataclass
class BindingBlanks:
    """The blank boxes of one render: how many are in the box tree, and how many were in
    it when the last pagination pass (the pages WeasyPrint returns) was made."""

    parent: Any = None  # a WeasyPrint box (ParentBox), None until found
    index: int = 0
    boxes: list = field(default_factory=list)
    shown: int = 0
    laid_out: int = 0

    def show(self, count: int) -> None:
        others = [child for child in self.parent.children
                  if not any(child is box for box in self.boxes)]
        children = others[:self.index] + self.boxes[:count] + others[self.index:]
        self.parent.children = type(self.parent.children)(children)
        self.shown = count


def _is_blank(box) -> bool:
    element = getattr(box, "element", None)
    return (element is not None and getattr(box, "element_tag", None) == element.tag
            and BLANK_CLASS in (element.get("class") or "").split())


def _find_blanks(root_box) -> BindingBlanks:
    """The blank boxes (siblings, just before the back cover), searched from the end."""
    stack = [root_box]
    while stack:
        box = stack.pop()
        children = list(getattr(box, "children", ()))
        blanks = [child for child in children if _is_blank(child)]
        if blanks:
            index = next(i for i, child in enumerate(children) if child is blanks[0])
            return BindingBlanks(box, index, blanks, len(blanks))
        stack.extend(children)
    return BindingBlanks()


def _last_content_page(pages: list) -> int:
    """The index of the last page before the blanks and the back cover: the page whose
    remaking recomputes the break into them (WeasyPrint keeps it in the next page's state)."""
    index = len(pages) - 2
    while index > 0 and (pages[index].page_type.blank or
                         pages[index].page_type.name == BLANK_CLASS):
        index -= 1
    return max(index, 0)


def _make_all_pages(renders: list[BindingBlanks], context, root_box, html, pages):
    blanks = getattr(context, "handbook_binding_blanks", None)
    if blanks is None:
        blanks = context.handbook_binding_blanks = _find_blanks(root_box)
        if blanks.boxes:
            blanks.show(0)
        renders.append(blanks)
    made = list(_MAKE_ALL_PAGES(context, root_box, html, pages))
    blanks.laid_out = blanks.shown
    if blanks.boxes:
        wanted = binding.blank_pages_needed(len(made) - blanks.shown)
        if wanted != blanks.shown:
            blanks.show(wanted)
            # layout_document loops again while a page is marked as changed.
            context.page_maker[_last_content_page(made)][-1]["content_changed"] = True
    return made


@contextlib.contextmanager
def sheets_completed() -> Iterator[list[BindingBlanks]]:
    """While active, a render whose HTML has SHEET_PAGES - 1 blank pages keeps only those
    its last sheet needs. Yields the renders' BindingBlanks (how many each kept)."""
    renders: list[BindingBlanks] = []
    weasyprint_layout.make_all_pages = partial(_make_all_pages, renders)
    try:
        yield renders
    finally:
        weasyprint_layout.make_all_pages = _MAKE_ALL_PAGES
