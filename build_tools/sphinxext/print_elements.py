"""Sphinx extension: the print HTML's footnotes, page references, wide tables and numbered targets.

The print builder inlines every chapter into one document; these changes are made to
that assembled tree, so the site keeps Sphinx's own rendering.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from build_tools.sphinxext.print_builder import PrintHandbookBuilder, _, print_id

FOOTNOTE_CLASS = "handbook-footnote"
FOOTNOTE_CALL_CLASS = "footnote-call"
# From this many columns a table is set smaller, so that it fits the text block.
WIDE_TABLE_COLUMNS = 5


def _unique_generated_ids(doctree: nodes.document, root_doc: str) -> None:
    def walk(node: nodes.Element, docname: str) -> None:
        if isinstance(node, addnodes.start_of_file):
            docname = node["docname"]
        if isinstance(node, addnodes.index):
            node["entries"] = [(kind, value, print_id(docname, target), main, key)
                               for kind, value, target, main, key in node["entries"]]
        for attribute in ("ids", "backrefs"):
            if attribute in node:
                node[attribute] = [print_id(docname, i) for i in node[attribute]]
        if "refid" in node:
            node["refid"] = print_id(docname, node["refid"])
        for child in node.children:
            if isinstance(child, nodes.Element):
                walk(child, docname)

    walk(doctree, root_doc)


def _single_anchor_links(doctree: nodes.document) -> None:
    """Sphinx 9's single-file links to a section of another chapter read
    "#document-<chapter>#<section>"; the section's own anchor is the target."""
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri.startswith("#") and uri.count("#") > 1:
            reference["refuri"] = "#" + uri.rpartition("#")[2]


def _footnotes_in_place(doctree: nodes.document) -> None:
    """Each footnote's text moves to its first reference, where CSS `float: footnote`
    puts it at the foot of that page; the list at the chapter's end goes.

    The reference becomes a link to the note, numbered as CSS numbers the notes
    (`counter(footnote)`, in document order): WeasyPrint's own `::footnote-call` is no
    link, and the tagged PDF holds the reference as a Link to the Note
    (build_tools/pdf/tagging/notes.py).
    """
    notes = {note_id: note for note in doctree.findall(nodes.footnote)
             for note_id in note["ids"]}
    placed: set[str] = set()
    for reference in list(doctree.findall(nodes.footnote_reference)):
        note = notes.get(reference.get("refid", ""))
        if note is None or reference["refid"] in placed:
            continue
        placed.add(reference["refid"])
        body = nodes.inline(classes=[FOOTNOTE_CLASS], ids=list(note["ids"]))
        for index, paragraph in enumerate(child for child in note.children
                                          if not isinstance(child, nodes.label)):
            if index:
                body += nodes.Text(" ")
            body += paragraph.children if isinstance(paragraph, nodes.paragraph) else paragraph
        call = nodes.reference("", str(len(placed)), refid=note["ids"][0], internal=True,
                               classes=[FOOTNOTE_CALL_CLASS])
        reference.replace_self([call, body])
    for note in {id(n): n for n in notes.values()}.values():
        if set(note["ids"]) & placed:
            note.parent.remove(note)


def _page_references(doctree: nodes.document) -> None:
    """After each reference to another part of the book: where to turn on paper.

    Hidden by default; the print layouts show it (print-page-references.css), with
    the target's page from `target-counter()`.
    """
    label = _("ks. s.")
    for reference in list(doctree.findall(nodes.reference)):
        internal = reference.get("internal") or "refid" in reference
        uri = reference.get("refuri", "")
        target = reference.get("refid") or (uri.rpartition("#")[2] if "#" in uri else "")
        if not internal or not target or FOOTNOTE_CALL_CLASS in reference["classes"] \
                or isinstance(reference.parent, addnodes.compact_paragraph):
            continue
        number = nodes.reference("", "", refuri=f"#{target}", internal=True,
                                 classes=["page-number"])
        note = nodes.inline("", "", nodes.Text(f"{label} "), number,
                            classes=["page-reference"])
        reference.parent.insert(reference.parent.index(reference) + 1, note)


def _wide_tables(doctree: nodes.document) -> None:
    for table in doctree.findall(nodes.table):
        group = table.next_node(nodes.tgroup)
        if group is not None and group.get("cols", 0) >= WIDE_TABLE_COLUMNS:
            table["classes"].append("wide-table")


def _prepare_print_tree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != PrintHandbookBuilder.name or docname != app.config.root_doc:
        return
    _unique_generated_ids(doctree, app.config.root_doc)
    _single_anchor_links(doctree)
    _footnotes_in_place(doctree)
    _page_references(doctree)
    _wide_tables(doctree)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _prepare_print_tree)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
