"""PDF/UA-1 (ISO 14289-1): identification, tagged structure, language and title."""

from __future__ import annotations

import pikepdf

from build_tools.pdf.checks.common import Expectation, Problems, xmp


def identification(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    part = expect.variant.pdf_variant.rsplit("-", 1)[-1]
    found = xmp(pdf, "pdfuaid:part")
    if found != part:
        yield None, f"XMP pdfuaid:part is {found or 'missing'}, expected {part}"


def structure(pdf: pikepdf.Pdf) -> Problems:
    mark_info = pdf.Root.get("/MarkInfo", pikepdf.Dictionary())
    if not mark_info.get("/Marked"):
        yield None, "MarkInfo /Marked is not true: the PDF is not tagged"
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/K" not in root:
        yield None, "no structure tree (StructTreeRoot with /K)"
        return
    types, figures_without_alt = set(), 0
    stack, seen = [root.K], set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node and node.objgen not in seen:
            seen.add(node.objgen)
            types.add(str(node.S))
            # An empty /Alt says nothing: screen readers announce just "graphic".
            figures_without_alt += node.S == "/Figure" and not str(node.get("/Alt", "")).strip()
            if "/K" in node:
                stack.append(node.K)
    for wanted, label in (({"/H1", "/H2", "/H3", "/H"}, "headings"), ({"/L"}, "lists"),
                          ({"/Link"}, "links")):
        if not types & wanted:
            yield None, f"the structure tree has no {label}"
    if figures_without_alt:
        yield None, f"{figures_without_alt} figure(s) without alternative text (/Alt)"


def language_and_title(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    lang = str(pdf.Root.get("/Lang", ""))
    if lang != expect.language:
        yield None, f"/Lang is {lang or 'missing'}, expected {expect.language}"
    preferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
    if not preferences.get("/DisplayDocTitle"):
        yield None, "ViewerPreferences /DisplayDocTitle is not true"
    title = str(pdf.docinfo.get("/Title", ""))
    if not title:
        yield None, "the document has no title"
    # What PDF/UA-1 7.1 requires (Matterhorn 06-003); the Info /Title alone is not enough.
    if not xmp(pdf, "dc:title"):
        yield None, "the XMP metadata has no dc:title (PDF/UA-1 7.1, Matterhorn 06-003)"
