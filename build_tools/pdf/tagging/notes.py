"""Footnotes as Note elements (ISO 32000-1 14.8.4.4.1; PDF/UA-1 7.9), next to the Link
that refers to them.

WeasyPrint 70 (pdf/tags.py) knows no Note: it tags the footnote area of a page (CSS
`float: footnote`) as a NonStruct of the Document, outside the text that refers to its
notes, each note as a Span holding a NonStruct for its `::footnote-marker`.
"""

from __future__ import annotations

import logging

import pikepdf

from build_tools.pdf.tagging.links import target
from build_tools.pdf.tagging.structure import (
    is_element,
    is_objr,
    kids,
    role,
    set_kids,
    text_of,
    walk,
)

log = logging.getLogger(__name__)


def _is_note(element) -> bool:
    """A Span that opens with its marker: how WeasyPrint tags a footnote."""
    first = next((kid for kid in kids(element) if is_element(kid)), None)
    return (is_element(element) and role(element) == "/Span" and first is not None
            and role(first) == "/NonStruct")


def _bodies(root: pikepdf.Object) -> list[pikepdf.Object]:
    """The footnotes in the footnote areas (NonStruct kids of the Document; so is a
    `<nav>`), in reading order."""
    return [kid for document in kids(root) if is_element(document)
            and role(document) == "/Document" for area in kids(document)
            if is_element(area) and role(area) == "/NonStruct"
            for kid in kids(area) if _is_note(kid)]


def _objgen(kid) -> tuple[int, int] | None:
    return kid.objgen if isinstance(kid, pikepdf.Object) else None


def _same_text(read: str, written: str) -> bool:
    # Lines end words without a space character (ISO 32000-1 14.8.2.5).
    return "".join(written.split()) in "".join(read.split())


def tag_notes(root: pikepdf.Object, notes: tuple[tuple[str, str], ...],
              texts: dict[tuple[tuple[int, int], int], str]) -> int:
    """Each footnote of `notes` (anchor, text; in order) becomes a Note with the anchor
    as its /ID, its marker a Lbl, placed right after the Link that refers to it; return
    how many were tagged. Run before plain Spans are dissolved: each note is a Span then."""
    bodies = _bodies(root)
    links: dict[str, tuple[pikepdf.Object, pikepdf.Object]] = {}
    for element, parent in walk(root):
        if role(element) == "/Link":
            for kid in kids(element):
                if is_objr(kid):
                    links.setdefault(target(kid.Obj), (element, parent))
    tagged = 0
    for (anchor, text), body in zip(notes, bodies, strict=False):
        if not _same_text(text_of(body, texts), text):
            log.warning("footnote %r is not where WeasyPrint puts footnotes; it stays "
                        "untagged (check.pdf reports Matterhorn 19-003)", anchor)
            continue
        body.S = pikepdf.Name.Note
        body.ID = pikepdf.String(anchor.encode("utf-8"))
        for kid in kids(body):
            if is_element(kid) and role(kid) == "/NonStruct":  # ::footnote-marker
                kid.S = pikepdf.Name.Lbl
                break
        tagged += 1
        if anchor not in links:
            continue
        link, parent = links[anchor]
        area = body.P
        set_kids(area, [kid for kid in kids(area) if _objgen(kid) != body.objgen])
        siblings = kids(parent)
        place = next(index for index, kid in enumerate(siblings)
                     if _objgen(kid) == link.objgen)
        set_kids(parent, [*siblings[:place + 1], body, *siblings[place + 1:]])
        body.P = parent
    if len(notes) != len(bodies):
        log.warning("%d footnotes in the HTML, %d in the PDF's footnote areas",
                    len(notes), len(bodies))
    return tagged
