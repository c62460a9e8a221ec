"""The structure tree as Python sees it: kids, content items, walks, and the ParentTree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard

import pikepdf

# Inline elements that only group text: text read inside them flows on.
INLINE = frozenset({"/Span", "/Link", "/Reference", "/Quote", "/Note", "/Code", "/BibEntry"})


@dataclass(frozen=True)
class ContentItem:
    """A marked-content sequence (page, MCID) or an annotation (OBJR) in the tree."""

    page: tuple[int, int] | None  # the page object's objgen
    mcid: int | None = None
    annotation: pikepdf.Object | None = None


def text_string(text: str) -> pikepdf.String:
    """A PDF text string in UTF-16BE with its byte order mark: no reader has to guess
    between PDFDocEncoding and UTF-16 (pypdf 5 misreads some PDFDocEncoded ones)."""
    return pikepdf.String(b"\xfe\xff" + text.encode("utf-16-be"))


def kids(element: pikepdf.Object) -> list:
    """An element's /K as a list (absent: empty; a single kid: one item)."""
    value = element.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def set_kids(element: pikepdf.Object, items: list) -> None:
    element.K = pikepdf.Array(items)


def is_element(kid: object) -> TypeGuard[pikepdf.Dictionary]:
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def is_objr(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"


def role(element: pikepdf.Object) -> str:
    return str(element.get("/S", ""))


def page_of(kid, element: pikepdf.Object) -> tuple[int, int] | None:
    """The page a content item is on: its own /Pg, else its element's."""
    page = kid.get("/Pg") if isinstance(kid, pikepdf.Dictionary) else None
    page = page if page is not None else element.get("/Pg")
    return page.objgen if page is not None else None


def content_item(kid, element: pikepdf.Object) -> ContentItem | None:
    """The marked content or annotation a kid stands for, or None for an element."""
    if isinstance(kid, int):
        return ContentItem(page_of(None, element), mcid=int(kid))
    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
        return ContentItem(page_of(kid, element), mcid=int(kid.MCID))
    if is_objr(kid):
        return ContentItem(page_of(kid, element), annotation=kid.Obj)
    return None


def moved(kid, source: pikepdf.Object, target: pikepdf.Object):
    """A kid of `source` made valid as a kid of `target`: an MCID on another page than
    the target's /Pg becomes a marked-content reference (MCR) naming its page."""
    if isinstance(kid, int) and source.get("/Pg") is not None and (
            target.get("/Pg") is None or source.Pg.objgen != target.Pg.objgen):
        return pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=source.Pg, MCID=kid)
    return kid


def walk(root: pikepdf.Object) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """Every structure element reachable from the StructTreeRoot, with its parent, in
    reading order (depth first); an element reached twice is visited once."""
    seen: set[tuple[int, int]] = set()
    stack = [(kid, root) for kid in reversed(kids(root))]
    while stack:
        element, parent = stack.pop()
        if not is_element(element) or element.objgen in seen:
            continue
        seen.add(element.objgen)
        yield element, parent
        stack.extend((kid, element) for kid in reversed(kids(element)))


def walk_with_kids(root: pikepdf.Object) -> list[tuple[pikepdf.Object, pikepdf.Object, list]]:
    """What `walk` visits, with each element's kids as they were read for the walk: a
    step that changes no element's kids but the one it is at can use them (pikepdf's
    arrays are slow to read again and again)."""
    seen: set[tuple[int, int]] = set()
    result: list[tuple[pikepdf.Object, pikepdf.Object, list]] = []
    stack = [(kid, root) for kid in reversed(kids(root))]
    while stack:
        element, parent = stack.pop()
        if not is_element(element) or element.objgen in seen:
            continue
        seen.add(element.objgen)
        element_kids = kids(element)
        result.append((element, parent, element_kids))
        stack.extend((kid, element) for kid in reversed(element_kids))
    return result


def snapshot(root: pikepdf.Object) -> list[tuple[pikepdf.Object, list]]:
    """Every reachable element with its kids, read once."""
    return [(element, element_kids) for element, _parent, element_kids in walk_with_kids(root)]


def reading_order(tree: list[tuple[pikepdf.Object, list]]
                  ) -> Iterator[tuple[ContentItem, pikepdf.Object]]:
    """Every content item of a snapshot, in reading order, with the element holding it."""
    for element, element_kids in tree:
        for _kid, item in kid_items(element, element_kids):
            if item is not None:
                yield item, element


def kid_items(element: pikepdf.Object, element_kids: list
              ) -> Iterator[tuple[Any, ContentItem | None]]:
    """Each kid with `content_item(kid, element)`, the element's page read once."""
    page, page_read = None, False
    for kid in element_kids:
        if isinstance(kid, int):  # an MCID on the element's page: most content items
            if not page_read:
                page, page_read = page_of(None, element), True
            yield kid, ContentItem(page, mcid=int(kid))
        else:
            yield kid, content_item(kid, element)


def text_of(element: pikepdf.Object, texts: dict[tuple[tuple[int, int], int], str]) -> str:
    """The text a reader gets from an element: its ActualText, or its content's text."""
    if "/ActualText" in element:
        return str(element.ActualText)
    parts = []
    for kid in kids(element):
        item = content_item(kid, element)
        if item is None and is_element(kid):
            parts.append(text_of(kid, texts))
        elif item is not None and item.page is not None and item.mcid is not None:
            parts.append(texts.get((item.page, item.mcid), ""))
    return "".join(parts)


def rebuild_parent_tree(pdf: pikepdf.Pdf, tree: list[tuple[pikepdf.Object, list]]) -> None:
    """Write the ParentTree from a snapshot of the tree: each page's MCIDs to the elements
    holding them, each annotation's /StructParent to its element (numbered after the pages)."""
    root = pdf.Root.StructTreeRoot
    owners: dict[tuple[int, int], dict[int, pikepdf.Object]] = {}
    annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = []
    for item, element in reading_order(tree):
        if item.mcid is not None:
            if item.page is not None:  # on no page, no page's entry can name it
                owners.setdefault(item.page, {})[item.mcid] = element
        elif item.annotation is not None:
            annotations.append((item.annotation, element))
    nums = []
    for index, page in enumerate(pdf.pages):
        page_owners = owners.get(page.obj.objgen, {})
        page.obj.StructParents = index
        nums += [index, pikepdf.Array(
            [page_owners.get(mcid) for mcid in range(max(page_owners, default=-1) + 1)])]
    key = len(pdf.pages)
    for annotation, element in annotations:
        annotation.StructParent = key
        nums += [key, element]
        key += 1
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    root.ParentTreeNextKey = key
