"""Repair a PDF/UA file as WeasyPrint 70 writes it, in one pass: what each step fixes is
said in its module (links, notes, elements, marking, hyphens)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from build_tools.errors import BuildError
from build_tools.pdf.tagging.content import read_page
from build_tools.pdf.tagging.elements import (
    add_list_bodies,
    dissolve_spans,
    remove_empty,
    tag_contents,
)
from build_tools.pdf.tagging.hyphens import join_broken_words
from build_tools.pdf.tagging.links import describe_links, drop_annotations, repair_links
from build_tools.pdf.tagging.marking import Edit, apply, mark_furniture, renumber_tree
from build_tools.pdf.tagging.notes import tag_notes
from build_tools.pdf.tagging.sources import Sources
from build_tools.pdf.tagging.structure import reading_order, rebuild_parent_tree, snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Repairs:
    """What one repair changed, for the log and the tests."""

    annotations_dropped: int
    empty_elements_removed: int
    contents_tagged: bool
    notes_tagged: int
    words_joined: int
    furniture_marked: int


def repair_tagging(pdf: pikepdf.Pdf, sources: Sources) -> Repairs:
    """Make the structure tree, the content streams and the link annotations of `pdf`
    agree with PDF/UA-1; `sources` are the facts of the HTML it was made from."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        raise BuildError("the PDF has no structure tree: render it with pdf_tags=True")
    font_maps: dict = {}
    pages = {page.obj.objgen: read_page(page, font_maps) for page in pdf.pages}
    texts = {(key, sequence.mcid): sequence.text for key, content in pages.items()
             for sequence in content.sequences if sequence.mcid is not None}
    dropped = repair_links(root)
    notes = tag_notes(root, sources.notes, texts)
    dissolve_spans(root)
    add_list_bodies(pdf, root)
    contents_tagged = tag_contents(pdf, root, sources.contents)
    if sources.contents and not contents_tagged:
        log.warning("no list in the structure tree links to the contents page's targets; "
                    "the contents stay tagged as a list (check.pdf reports Matterhorn 09-006)")
    removed = remove_empty(root)
    tree = snapshot(root)
    describe_links(tree, sources.headings, texts)
    drop_annotations(pdf, dropped)
    order = [(item.page, item.mcid) for item, _ in reading_order(tree)
             if item.page is not None and item.mcid is not None]
    edits: dict[tuple[int, int], dict[int, Edit]] = {}
    joined = join_broken_words(order, pages, sources.words, edits)
    owned = set(order)
    renumbered = {}
    for page in pdf.pages:
        key = page.obj.objgen
        renumbered[key] = mark_furniture(page, pages[key], owned, edits.setdefault(key, {}))
        apply(pdf, page, pages[key], edits[key])
    rebuild_parent_tree(pdf, renumber_tree(tree, renumbered))
    furniture = sum(1 for content in pages.values() for sequence in content.sequences
                    if sequence.mcid is not None) - len(owned)
    return Repairs(len(dropped), removed, contents_tagged, notes, joined, furniture)


def write_repaired(pdf_bytes: bytes, target: Path, sources: Sources) -> None:
    """Repair the PDF WeasyPrint wrote and save it to `target`, reproducibly."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        repairs = repair_tagging(pdf, sources)
        log.debug("%s: %s", target.name, repairs)
        # The /ID is a hash of the content: the same input gives the same bytes.
        pdf.save(target, deterministic_id=True)
