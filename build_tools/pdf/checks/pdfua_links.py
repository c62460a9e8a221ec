"""PDF/UA-1 7.18: link annotations in Link elements, once each, described in words."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.pdfua_notes import note_text
from build_tools.pdf.checks.tagged import Tagged, describe
from build_tools.pdf.tagging.links import covers, rectangle, target

_HEADINGS = frozenset({"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"})


def _links(pdf: pikepdf.Pdf):
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link":
                yield number, page, annotation


def links_in_link_elements(tagged: Tagged) -> Problems:
    """Matterhorn 28-011: each link annotation is the OBJR of one Link element (not a
    Span), once; no Link inside a Link; one annotation per link area."""
    holders = tagged.holders
    parents = {element.objgen: parent for element, parent in tagged.elements}
    # (page, target) -> the link areas so far: an index page has hundreds of links.
    areas: dict[tuple[int, str], list[tuple]] = {}
    for number, _page, annotation in _links(tagged.pdf):
        goal = target(annotation)
        name = f"link annotation {annotation.objgen[0]} 0 R to {goal!r}"
        held_by = holders.get(annotation.objgen, [])
        if not held_by:
            yield number, f"{name} is in no structure element the StructTreeRoot reaches"
        elif len(held_by) > 1:
            yield number, f"{name} is the OBJR of {len(held_by)} elements: " + ", ".join(
                describe(element) for element in held_by)
        for element in held_by:
            if tagged.role(element) != "/Link":
                yield number, f"{name} is held by {describe(element)}, not by a Link element"
            parent = parents.get(element.objgen)
            if parent is not None and tagged.role(parent) == "/Link":
                yield number, f"{name}: {describe(element)} is inside {describe(parent)}"
        place = rectangle(annotation)
        if any(covers(area, place) for area in areas.get((number, goal), [])):
            yield number, f"{name} repeats a link area the page already has, at {place}"
        areas.setdefault((number, goal), []).append(place)


def links_described(tagged: Tagged) -> Problems:
    """Matterhorn 28-012: a link's /Contents describes it in the document's words: the
    heading or footnote it leads to (on its destination page) or the link's own text,
    never the anchor's name."""
    holders = tagged.holders
    headings: dict[int | None, set[str]] = {}
    for element, _parent in tagged.elements:
        if tagged.role(element) in _HEADINGS and (heading_page := tagged.page_number(element)):
            headings.setdefault(heading_page, set()).add(tagged.text(element))
        elif tagged.role(element) == "/Note" and (note_page := tagged.page_number(element)):
            headings.setdefault(note_page, set()).add(note_text(tagged, element))
    for number, _page, annotation in _links(tagged.pdf):
        name = f"link annotation {annotation.objgen[0]} 0 R"
        contents = " ".join(str(annotation.get("/Contents", "")).split())
        goal = target(annotation)
        if not contents:
            yield number, f"{name} has no /Contents (alternate description)"
            continue
        if contents == goal and ":" not in goal:
            yield number, f"{name}: /Contents {contents!r} is the anchor's name, not words"
            continue
        page = _destination_page(tagged, annotation)
        own = {tagged.text(element) for element in holders.get(annotation.objgen, [])}
        # Lines end words without a space character (ISO 32000-1 14.8.2.5): compare
        # without spaces.
        allowed = {"".join(text.split()) for text in headings.get(page, set()) | own | {goal}}
        if "".join(contents.split()) not in allowed:
            yield number, (f"{name}: /Contents {contents!r} is neither a heading on its "
                           f"destination page {page} nor the link's text {sorted(own)}")


def _destination_page(tagged: Tagged, annotation: pikepdf.Object) -> int | None:
    action = annotation.get("/A") or pikepdf.Dictionary()
    destination = annotation.get("/Dest", action.get("/D"))
    if isinstance(destination, (pikepdf.String, pikepdf.Name, str)):
        names = tagged.pdf.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return None
        destination = pikepdf.NameTree(names.Dests).get(str(destination))
        if isinstance(destination, pikepdf.Dictionary):
            destination = destination.get("/D")
    if isinstance(destination, pikepdf.Array) and len(destination):
        return tagged.numbers.get(destination[0].objgen)
    return None


def tab_order(tagged: Tagged) -> Problems:
    """Matterhorn 28-008 and 28-009: a page with annotations has /Tabs /S."""
    for number, page in enumerate(tagged.pdf.pages, 1):
        if page.obj.get("/Annots") and page.obj.get("/Tabs") != "/S":
            yield number, f"the page has annotations and /Tabs {page.obj.get('/Tabs')}, not /S"
