"""A tagged PDF read once for the PDF/UA checks: pages, content sequences, the structure tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pikepdf

from build_tools.pdf.tagging import structure
from build_tools.pdf.tagging.content import PageContent, read_page
from build_tools.pdf.tagging.structure import (
    ContentItem,
    is_element,
    is_objr,
    reading_order,
    role,
    text_of,
    walk,
)

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
    # An element's kids and role as first read: pikepdf builds them anew on every read,
    # and the checks read each of them several times. Keyed by objgen, so a direct
    # object (objgen (0, 0), no identity to key it by) is read every time.
    _kids: dict[tuple[int, int], list] = field(default_factory=dict, repr=False)
    _roles: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)

    def kids(self, element: pikepdf.Object) -> list:
        """structure.kids(element), read once."""
        key = element.objgen
        if key == (0, 0):
            return structure.kids(element)
        found = self._kids.get(key)
        if found is None:
            found = self._kids[key] = structure.kids(element)
        return found

    def role(self, element: pikepdf.Object) -> str:
        """structure.role(element), read once."""
        key = element.objgen
        if key == (0, 0):
            return role(element)
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = role(element)
        return found

    def has_content(self, element: pikepdf.Object, seen: set | None = None) -> bool:
        """Whether an element holds marked content or an annotation, itself or below."""
        seen = set() if seen is None else seen
        if element.objgen in seen:
            return False
        seen.add(element.objgen)
        return any(not is_element(kid) or self.has_content(kid, seen)
                   for kid in self.kids(element))

    def page_number(self, element_or_kid, element=None) -> int | None:
        page = (element_or_kid.get("/Pg") if isinstance(element_or_kid, pikepdf.Dictionary)
                else None) or (element.get("/Pg") if element is not None else None)
        return self.numbers.get(page.objgen) if page is not None else None

    def text(self, element: pikepdf.Object) -> str:
        return " ".join(text_of(element, self.texts).split())

    @cached_property
    def items(self) -> list[tuple[ContentItem, pikepdf.Object]]:
        """Every content item of the reachable elements in reading order, with its element."""
        return list(reading_order([(element, self.kids(element))
                                   for element, _parent in self.elements]))

    @cached_property
    def owners(self) -> dict[tuple[PageKey, int], pikepdf.Object]:
        """(page, MCID) -> the reachable element that holds it."""
        return {(item.page, item.mcid): element for item, element in self.items
                if item.page is not None and item.mcid is not None}

    @cached_property
    def holders(self) -> dict[tuple[int, int], list[pikepdf.Object]]:
        """Annotation objgen -> the reachable elements whose OBJR kids name it."""
        found: dict[tuple[int, int], list[pikepdf.Object]] = {}
        for element, _parent in self.elements:
            for kid in self.kids(element):
                if is_objr(kid):
                    found.setdefault(kid.Obj.objgen, []).append(element)
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
