"""PDF/UA-1 7.2 through ISO 32000-1's standard structure types: lists, the contents page,
no empty elements; 7.5: table headers with their scope."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged, describe
from build_tools.pdf.tagging.structure import is_element

# ISO 32000-1 Table 336 (lists) and Table 333 (TOC): the kids each type may have.
LIST_KIDS = {"/L": {"/LI", "/L", "/Caption"}, "/LI": {"/Lbl", "/LBody"}}
LIST_PARENTS = {"/LI": {"/L"}, "/LBody": {"/LI"}}
TOC_KIDS = {"/TOC": {"/TOCI", "/TOC", "/Caption"},
            "/TOCI": {"/Lbl", "/Reference", "/NonStruct", "/P", "/TOC"}}
TOC_PARENTS = {"/TOCI": {"/TOC"}}


def _nesting(tagged: Tagged, allowed_kids: dict, allowed_parents: dict) -> Problems:
    for element, parent in tagged.elements:
        wanted: set[str] = allowed_kids.get(tagged.role(element), set())
        for kid in tagged.kids(element) if wanted else []:
            if is_element(kid) and tagged.role(kid) not in wanted:
                yield tagged.page_number(element), (
                    f"{describe(element)} has a {tagged.role(kid)} kid ({describe(kid)}); "
                    f"{tagged.role(element)} holds only {', '.join(sorted(wanted))}")
        parents = allowed_parents.get(tagged.role(element))
        if parents and tagged.role(parent) not in parents:
            yield tagged.page_number(element), (
                f"{describe(element)} is inside {describe(parent)}, not in "
                f"{' or '.join(sorted(parents))}")


def lists(tagged: Tagged) -> Problems:
    """Matterhorn 09-005: L > LI > Lbl + LBody (ISO 32000-1 Table 336)."""
    yield from _nesting(tagged, LIST_KIDS, LIST_PARENTS)


def table_of_contents(tagged: Tagged) -> Problems:
    """Matterhorn 09-006: the contents page is TOC > TOCI (ISO 32000-1 Table 333)."""
    if not any(tagged.role(element) == "/TOC" for element, _parent in tagged.elements):
        yield None, "no TOC element: the contents page is not tagged TOC > TOCI"
    yield from _nesting(tagged, TOC_KIDS, TOC_PARENTS)


def no_empty_elements(tagged: Tagged) -> Problems:
    """Matterhorn 01-006 (structure that means what it says): no element without content."""
    for element, _parent in tagged.elements:
        if not tagged.has_content(element):
            yield tagged.page_number(element), f"{describe(element)} is empty: no content, no kids"


def _attributes(element) -> list:
    value = element.get("/A")
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def table_headers(tagged: Tagged) -> Problems:
    """Matterhorn 15-003: each TH says whether it heads a row or a column (/Scope), as
    pdf/table_tags.py writes it."""
    for element, _parent in tagged.elements:
        if tagged.role(element) == "/TH" and not any(
                isinstance(attributes, pikepdf.Dictionary) and "/Scope" in attributes
                for attributes in _attributes(element)):
            yield tagged.page_number(element), (
                f"{describe(element)} {tagged.text(element)!r} has no /Scope (Row or Column)")
