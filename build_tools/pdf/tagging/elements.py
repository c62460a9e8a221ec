"""Structure elements as ISO 32000-1 defines them: lists, the contents page, no empty ones.

WeasyPrint 70 (pdf/tags.py) tags a list item with a marker as `LI > Lbl + P` (no
LBody), the contents page's `<ol>` as a list, an empty `<span id>` anchor as an empty
Span, and every line of text as a Span of its own.
"""

from __future__ import annotations

import pikepdf

from build_tools.pdf.tagging.links import is_plain, target
from build_tools.pdf.tagging.structure import (
    is_element,
    is_objr,
    kids,
    moved,
    role,
    set_kids,
    walk,
    walk_with_kids,
)


def _element(pdf: pikepdf.Pdf, structure_type: str, parent: pikepdf.Object,
             items: list) -> pikepdf.Object:
    element = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name(structure_type), P=parent, K=[]))
    if "/Pg" in parent:
        element.Pg = parent.Pg
    set_kids(element, [moved(item, parent, element) for item in items])
    for item in items:
        if is_element(item):
            item.P = element
    return element


def _is_plain_span(kid) -> bool:
    return is_element(kid) and role(kid) == "/Span" and is_plain(kid)


def dissolve_spans(root: pikepdf.Object) -> None:
    """Put the content of plain Spans (no attributes, no language) in their parents."""
    # Each element changes only its own kids: those read by the walk are current.
    for element, _parent, element_kids in walk_with_kids(root):
        plain = [_is_plain_span(kid) for kid in element_kids]
        if not any(plain):
            continue
        result = []
        for kid, dissolved in zip(element_kids, plain, strict=True):
            if dissolved:
                for grandkid in kids(kid):
                    if is_element(grandkid):
                        grandkid.P = element
                    result.append(moved(grandkid, kid, element))
            else:
                result.append(kid)
        set_kids(element, result)


def add_list_bodies(pdf: pikepdf.Pdf, root: pikepdf.Object) -> None:
    """`LI > Lbl + P` becomes `LI > Lbl + LBody > P` (ISO 32000-1, Table 336)."""
    for element, _parent, element_kids in walk_with_kids(root):
        if role(element) != "/LI":
            continue
        labels = [kid for kid in element_kids if is_element(kid) and role(kid) == "/Lbl"]
        rest = [kid for kid in element_kids if not (is_element(kid) and role(kid) == "/Lbl")]
        if len(rest) == 1 and is_element(rest[0]) and role(rest[0]) == "/LBody":
            continue
        set_kids(element, labels + ([_element(pdf, "/LBody", element, rest)] if rest else []))


def _link_targets(element: pikepdf.Object) -> list[str]:
    return [target(kid.Obj) for inner, _ in walk(pikepdf.Dictionary(K=[element]))
            if role(inner) == "/Link" for kid in kids(inner) if is_objr(kid)]


def _contents_lists(root: pikepdf.Object, contents: tuple[str, ...]) -> list | None:
    """The list that links to the contents page's targets in order, or the lists it was
    split into: WeasyPrint tags the part of a list on each page as a list of its own."""
    parents: dict[tuple[int, int], pikepdf.Object] = {}
    run: list = []
    in_run: set[tuple[int, int]] = set()  # the run's objgens, kept with it
    position = 0
    for element, parent in walk(root):
        parents[element.objgen] = parent
        if role(element) != "/L" or _inside(element, in_run, parents):
            continue
        found = list(dict.fromkeys(_link_targets(element)))
        if run and found and found[0] == contents[position - 1]:
            found = found[1:]  # an entry split at the page break
        if not found:
            continue
        if run and contents[position:position + len(found)] == tuple(found):
            run.append(element)
            in_run.add(element.objgen)
            position += len(found)
        elif contents[:len(found)] == tuple(found):
            run, in_run, position = [element], {element.objgen}, len(found)
        else:
            run, in_run, position = [], set(), 0
        if run and position == len(contents):
            return run
    return None


def _inside(element: pikepdf.Object, in_run: set[tuple[int, int]], parents: dict) -> bool:
    parent = parents.get(element.objgen)
    while parent is not None and "/S" in parent:
        if parent.objgen in in_run:
            return True
        parent = parents.get(parent.objgen)
    return False


def tag_contents(pdf: pikepdf.Pdf, root: pikepdf.Object, contents: tuple[str, ...]) -> bool:
    """The list whose links are the contents page's becomes `TOC > TOCI > Reference > Link`
    (ISO 32000-1, Table 333), one TOC however many pages it spans. Return whether it was
    found."""
    lists = _contents_lists(root, contents) if contents else None
    if not lists:
        return False
    element, parts = lists[0], lists[1:]
    if parts:
        # Gathered, then written once: each part's kids are read once, not again with
        # every part after it (a book's contents, and their pages, grow with the book).
        gathered = kids(element)
        for part in parts:
            part_kids = kids(part)
            gathered += [moved(kid, part, element) for kid in part_kids]
            for kid in part_kids:
                if is_element(kid):
                    kid.P = element
            set_kids(part, [])
        set_kids(element, gathered)
    element.S = pikepdf.Name.TOC
    for item in kids(element):
        if not (is_element(item) and role(item) == "/LI"):
            continue
        item.S = pikepdf.Name.TOCI
        entries = []
        for kid in kids(item):
            entries += ([moved(grandkid, kid, item) for grandkid in kids(kid)]
                        if is_element(kid) and role(kid) == "/LBody" else [kid])
        set_kids(item, [_element(pdf, "/Reference", item, [kid])
                        if is_element(kid) and role(kid) == "/Link" else kid
                        for kid in entries])
        for kid in kids(item):
            if is_element(kid):
                kid.P = item
    return True


def remove_empty(root: pikepdf.Object) -> int:
    """Take out elements that hold no content and no annotation; return how many."""
    full: set[tuple[int, int]] = set()
    removed = 0
    # Reversed reading order: every element comes after its kids. Each element changes
    # only its own kids: those read by the walk are current.
    for element, element_kids in [*((element, element_kids) for element, _, element_kids
                                    in reversed(walk_with_kids(root))), (root, kids(root))]:
        kept = [kid for kid in element_kids if not is_element(kid) or kid.objgen in full]
        if kept:
            full.add(element.objgen)
        if len(kept) != len(element_kids):
            removed += len(element_kids) - len(kept)
            set_kids(element, kept)
    return removed
