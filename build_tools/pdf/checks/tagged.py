"""A tagged PDF read once for the PDF/UA checks: pages, content sequences, the structure tree."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from build_tools.pdf.tagging.content import PageContent, read_page
from build_tools.pdf.tagging.structure import content_item, kids, role, text_of, walk

PageKey = tuple[int, int]


@dataclass
class Tagged:
    """What the PDF/UA checks read: each page's content and the reachable structure."""

    pdf: pikepdf.Pdf
    root: pikepdf.Object
    contents: dict[PageKey, PageContent]
    numbers: dict[PageKey, int]  # page objgen -> 1-based page number
    elements: list[tuple[pikepdf.Object, pikepdf.Object]]  # (element, parent)
    texts: dict[tuple[PageKey, int], str]

    def page_number(self, element_or_kid, element=None) -> int | None:
        page = (element_or_kid.get("/Pg") if isinstance(element_or_kid, pikepdf.Dictionary)
                else None) or (element.get("/Pg") if element is not None else None)
        return self.numbers.get(page.objgen) if page is not None else None

    def text(self, element: pikepdf.Object) -> str:
        return " ".join(text_of(element, self.texts).split())

    def owners(self) -> dict[tuple[PageKey, int], pikepdf.Object]:
        """(page, MCID) -> the reachable element that holds it."""
        found: dict[tuple[PageKey, int], pikepdf.Object] = {}
        for element, _parent in self.elements:
            for kid in kids(element):
                item = content_item(kid, element)
                if item is not None and item.page is not None and item.mcid is not None:
                    found[item.page, item.mcid] = element
        return found


def read_tagged(pdf: pikepdf.Pdf) -> Tagged | None:
    """The tagged reading of `pdf`, or None when it has no structure tree."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None
    font_maps: dict = {}
    contents = {page.obj.objgen: read_page(page, font_maps) for page in pdf.pages}
    texts = {(key, sequence.mcid): sequence.text for key, content in contents.items()
             for sequence in content.sequences if sequence.mcid is not None}
    numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
    return Tagged(pdf, root, contents, numbers, list(walk(root)), texts)


def describe(element: pikepdf.Object) -> str:
    """An element as a reader of the file finds it: `12 0 R /Span`."""
    number, generation = element.objgen
    return f"{number} {generation} R {role(element)}" if number else role(element)
