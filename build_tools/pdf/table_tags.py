"""Header scope for the table cells of tagged PDFs: WeasyPrint 70 tags TH without /Scope."""

from __future__ import annotations

import pydyf


def _parent(pdf: pydyf.PDF, element: pydyf.Dictionary) -> pydyf.Dictionary | None:
    reference = element.get("P")
    if not reference:
        return None
    number = int(reference.split()[0])
    return pdf.objects[number] if number < len(pdf.objects) else None


def add_header_scope(document, pdf: pydyf.PDF) -> int:
    """A write_pdf finisher step: each TH says what it heads, /Column in a THead and
    /Row elsewhere (a stub column), so that screen readers announce cells with their
    headers; return the number of headers given a scope."""
    scoped = 0
    for element in pdf.objects:
        if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/TH":
            continue
        row = _parent(pdf, element)
        group = _parent(pdf, row) if row is not None else None
        attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        if "Scope" not in attributes:
            in_head = group is not None and group.get("S") == "/THead"
            attributes["Scope"] = "/Column" if in_head else "/Row"
            scoped += 1
    return scoped


def finishing(*steps):
    """One write_pdf finisher that runs `steps` (finishers, or None) in order."""
    chosen = [step for step in steps if step is not None]

    def finisher(document, pdf) -> None:
        for step in chosen:
            step(document, pdf)
    return finisher
