"""Content streams that match the structure tree: page furniture as Artifacts, MCIDs dense.

WeasyPrint 70 (pdf/tags.py, the MarginBox case of `_build_box_tree`) tags running heads
and page numbers with MCIDs whose elements it never links into the tree ("it could be
included in tree as Artifact, but that's only allowed in PDF 2.0"). PDF 1.7 does allow
an Artifact in the content stream (ISO 32000-1, 14.8.2.2): that is what they become.
"""

from __future__ import annotations

from collections.abc import Callable

import pikepdf

from build_tools.pdf.tagging.content import PageContent
from build_tools.pdf.tagging.structure import kid_items, set_kids

# (page objgen, MCID) of the content as WeasyPrint wrote it
Key = tuple[tuple[int, int], int]
# What replaces one operator: instructions, or a function of it that makes them.
Edit = list | Callable[[pikepdf.ContentStreamInstruction], list]


def mark_furniture(page: pikepdf.Page, content: PageContent, owned: set[Key],
                   edits: dict[int, Edit]) -> dict[int, int]:
    """Edits that make each tagged sequence no element holds an Artifact and number the
    rest 0, 1, 2... in content order; return old MCID -> new MCID."""
    renumbered: dict[int, int] = {}
    key = page.obj.objgen
    artifact: list = []  # one instruction, written wherever furniture begins
    for sequence in content.sequences:
        if sequence.mcid is None:
            continue
        if (key, sequence.mcid) in owned:
            renumbered[sequence.mcid] = len(renumbered)
            properties = pikepdf.Dictionary(MCID=renumbered[sequence.mcid])
            edits[sequence.begin] = [pikepdf.ContentStreamInstruction(
                [pikepdf.Name(sequence.tag), properties], pikepdf.Operator("BDC"))]
            continue
        artifact = artifact or [pikepdf.ContentStreamInstruction(
            [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)],
            pikepdf.Operator("BDC"))]
        edits[sequence.begin] = artifact
    return renumbered


def renumber_tree(tree: list[tuple[pikepdf.Object, list]],
                  renumbered: dict[tuple[int, int], dict[int, int]]
                  ) -> list[tuple[pikepdf.Object, list]]:
    """Point the tree's content items at the new MCIDs; return the snapshot as it is now."""
    result = []
    for element, element_kids in tree:
        new_kids, changed = [], False
        for kid, item in kid_items(element, element_kids):
            new = (renumbered.get(item.page, {}).get(item.mcid) if item is not None
                   and item.page is not None and item.mcid is not None else None)
            if new is not None and isinstance(kid, int):
                kid, changed = new, True
            elif new is not None:
                kid.MCID = new
            new_kids.append(kid)
        if changed:
            set_kids(element, new_kids)
        result.append((element, new_kids))
    return result


def apply(pdf: pikepdf.Pdf, page: pikepdf.Page, content: PageContent,
          edits: dict[int, Edit]) -> None:
    """Write the page's operators, each operator that `edits` names replaced by its list,
    or by what its function makes of it."""
    operators = []
    for index, instruction in enumerate(content.operators):
        edit = edits.get(index, [instruction])
        operators += edit(instruction) if callable(edit) else edit
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operators))
