"""PDF/UA-1 7.9: footnotes tagged Note, each with a unique /ID, and referred to by a Link."""

from __future__ import annotations

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged, describe
from build_tools.pdf.tagging.links import target
from build_tools.pdf.tagging.structure import is_element, is_objr, text_of


def note_text(tagged: Tagged, note) -> str:
    """A Note's text without its label (the number the page prints before it)."""
    text = text_of(note, tagged.texts)
    for kid in tagged.kids(note):
        if is_element(kid) and tagged.role(kid) == "/Lbl":
            text = text.replace(text_of(kid, tagged.texts), "", 1)
    return text


def _squeezed(text: str) -> str:
    # Lines end words without a space character (ISO 32000-1 14.8.2.5).
    return "".join(text.split())


def notes_tagged(tagged: Tagged, footnotes: tuple[str, ...] | None) -> Problems:
    """Matterhorn 19-003/19-004: every Note has an /ID that no other element has; each
    footnote of the source (`footnotes`, when known) is a Note, and a Link in the text
    leads to it (a Link on the Note's page whose destination is the Note's /ID)."""
    identifiers: dict[bytes, list] = {}
    for element, _parent in tagged.elements:
        if "/ID" in element:
            identifiers.setdefault(bytes(element.ID), []).append(element)
    notes = [element for element, _parent in tagged.elements if tagged.role(element) == "/Note"]
    for note in notes:
        page = tagged.page_number(note)
        if "/ID" not in note:
            yield page, f"{describe(note)} has no /ID (Matterhorn 19-003)"
        elif len(identifiers[bytes(note.ID)]) > 1:
            yield page, (f"{describe(note)}: its /ID {bytes(note.ID).decode(errors='replace')!r} "
                         "is not unique: " + ", ".join(describe(other) for other
                                                       in identifiers[bytes(note.ID)]))
    if footnotes is None:
        return
    by_text = {_squeezed(note_text(tagged, note)): note for note in notes}
    linked = {(target(kid.Obj), tagged.page_number(kid, element))
              for element, _parent in tagged.elements if tagged.role(element) == "/Link"
              for kid in tagged.kids(element) if is_objr(kid)}
    for text in footnotes:
        found = by_text.get(_squeezed(text))
        if found is None:
            yield None, f"the footnote {text!r} is not tagged as a Note element"
        elif "/ID" in found and (bytes(found.ID).decode(errors="replace"),
                                 tagged.page_number(found)) not in linked:
            yield tagged.page_number(found), (
                f"the footnote {text!r} ({describe(found)}): no Link on its page leads to "
                "its /ID; the reference in the text is not a link to the note")
