"""Links: one Link element per link, each annotation once, described in the document's words.

WeasyPrint 70 (pdf/tags.py, `_build_box_tree`) gives a link annotation to every box of
an `<a>`: the `<span>` inside a Sphinx reference gets a second annotation on the same
rectangle, held by a Span (so a Span is an annotation's parent); the contents page's
`a::after` page number becomes a Link inside the Link; a link broken over two lines
becomes two Link elements. Its annotations' /Contents is the destination's anchor name.
"""

from __future__ import annotations

import pikepdf

from build_tools.pdf.tagging.structure import (
    content_item,
    is_element,
    is_objr,
    kids,
    moved,
    role,
    set_kids,
    text_of,
    text_string,
    walk,
    walk_with_kids,
)

# Keys WeasyPrint writes on every element; an element with others means something.
_PLAIN_KEYS = frozenset({"/Type", "/S", "/K", "/P", "/Pg"})


def target(annotation: pikepdf.Object) -> str:
    """Where a link goes: its destination name, or its URI."""
    action = annotation.get("/A") or pikepdf.Dictionary()
    destination = annotation.get("/Dest", action.get("/D"))
    if destination is not None:
        return str(destination) if not isinstance(destination, pikepdf.Array) \
            else repr(list(destination))
    return str(action.get("/URI", ""))


def rectangle(annotation: pikepdf.Object) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(value) for value in annotation.Rect)
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def covers(outer: tuple, inner: tuple, tolerance: float = 0.5) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def is_plain(element: pikepdf.Object) -> bool:
    return set(element.keys()) <= _PLAIN_KEYS


def _absorb(link: pikepdf.Object, element: pikepdf.Object) -> list:
    """The kids of `element` with its plain Span and Link descendants dissolved into them."""
    result = []
    for kid in kids(element):
        if is_element(kid) and role(kid) in ("/Span", "/Link") and is_plain(kid):
            result += [moved(grandkid, kid, link) for grandkid in _absorb(link, kid)]
        else:
            result.append(kid)
    return result


def _link_target(link: pikepdf.Object) -> str | None:
    return next((target(kid.Obj) for kid in kids(link) if is_objr(kid)), None)


def _merge_into(link: pikepdf.Object, extra: list, dropped: set) -> None:
    """Give `link` the kids `extra`, leaving out annotations that repeat an area it has."""
    areas = [(target(kid.Obj), rectangle(kid.Obj)) for kid in kids(link) if is_objr(kid)]
    result = kids(link)
    for kid in extra:
        if is_objr(kid):
            place = (target(kid.Obj), rectangle(kid.Obj))
            if any(goal == place[0] and covers(area, place[1]) for goal, area in areas):
                dropped.add(kid.Obj.objgen)
                continue
            areas.append(place)
        if is_element(kid):
            kid.P = link
        result.append(kid)
    set_kids(link, result)


def repair_links(root: pikepdf.Object) -> set[tuple[int, int]]:
    """One Link per link holding its annotations and text; return the annotations dropped."""
    dropped: set[tuple[int, int]] = set()
    done: set[tuple[int, int]] = set()
    for element, _parent in list(walk(root)):
        if role(element) != "/Link" or element.objgen in done:
            continue
        for inner, _ in walk(pikepdf.Dictionary(K=pikepdf.Array([element]))):
            done.add(inner.objgen)
        content = _absorb(element, element)
        set_kids(element, [])
        _merge_into(element, content, dropped)
    # A link broken over lines: neighbouring Link elements with one destination. Only
    # a Link that takes in its neighbour gets other kids than the walk read.
    merged: dict[tuple[int, int], list] = {}
    for element, _parent, walked_kids in walk_with_kids(root):
        element_kids = merged.get(element.objgen, walked_kids)
        result: list = []
        previous_target = None  # of result[-1] when that is a Link
        for kid in element_kids:
            kid_target = (_link_target(kid) if is_element(kid) and role(kid) == "/Link"
                          else None)
            if kid_target is not None and kid_target == previous_target:
                previous = result[-1]
                _merge_into(previous, [moved(item, kid, previous) for item in kids(kid)],
                            dropped)
                merged[previous.objgen] = kids(previous)
                continue
            result.append(kid)
            previous_target = kid_target
        if len(result) != len(element_kids):
            set_kids(element, result)
    return dropped


def describe_links(tree: list[tuple[pikepdf.Object, list]], headings: dict[str, str],
                   texts: dict[tuple[tuple[int, int], int], str]) -> None:
    """Each link annotation's /Contents: the heading it leads to, else the link's own text."""
    for element, element_kids in tree:
        if role(element) != "/Link":
            continue
        own_text = " ".join(text_of(element, texts).split())
        for kid in element_kids:
            item = content_item(kid, element)
            if item is None or item.annotation is None:
                continue
            goal = target(item.annotation)
            description = headings.get(goal) or own_text or goal
            item.annotation.Contents = text_string(description)


def drop_annotations(pdf: pikepdf.Pdf, dropped: set[tuple[int, int]]) -> None:
    """Take the dropped annotations off their pages."""
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        kept = [annotation for annotation in annotations if annotation.objgen not in dropped]
        if len(kept) != len(annotations):
            page.obj.Annots = pikepdf.Array(kept)
