"""Sphinx extension: the index in the language's alphabetical order, in the site and the print HTML.

Sphinx files Ä under A and sorts by code point; the site's genindex page and the
print HTML's index chapter are re-sorted with build_tools.i18n.collation instead.
"""

from __future__ import annotations

from itertools import groupby

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.indexentries import IndexEntries

from build_tools.i18n.collation import index_letter, sort_key
from build_tools.sphinxext.print_builder import PrintHandbookBuilder, _, print_id

# The index chapter's anchor in the print HTML, linked from the contents.
INDEX_ANCHOR = "handbook-index"


def collate(index: list, language: str) -> list:
    """Sphinx's genindex entries (letter, [(name, (targets, subentries, key))]), sorted
    and grouped by the letters of `language`."""
    entries = [entry for _letter, group in index for entry in group]
    entries = [(name, (targets, sorted(subentries, key=lambda sub: sort_key(sub[0], language)),
                       key))
               for name, (targets, subentries, key) in entries]
    entries.sort(key=lambda entry: sort_key(entry[1][2] or entry[0], language))
    return [(letter, list(group)) for letter, group in
            groupby(entries, key=lambda entry: index_letter(entry[1][2] or entry[0], language))]


def _sort_site_index(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.name != "html" or "genindexentries" not in context:
        return
    collated = collate(context["genindexentries"], app.config.language)
    context["genindexentries"] = collated
    context["genindexcounts"] = [sum(1 + len(subentries) for _, (_, subentries, _) in entries)
                                 for _letter, entries in collated]


def _anchors(targets: list, existing: dict[str, int]) -> list[str]:
    """Targets as print-HTML anchors in reading order (so their pages ascend); one left
    out by an `only` block is dropped."""
    anchors = set()
    for _main, uri in targets:
        path, _, target = str(uri).rpartition("#")
        anchor = print_id(path.rpartition("#document-")[2], target)
        if anchor in existing:
            anchors.add(anchor)
    return sorted(anchors, key=existing.__getitem__)


def print_index(app: Sphinx, existing: dict[str, int]) -> list[dict]:
    """The index chapter of the print HTML: letters, entries and the anchors of their pages."""
    index = IndexEntries(app.env).create_index(app.builder)
    groups = []
    for letter, entries in collate(index, app.config.language):
        items = []
        for name, (targets, subentries, _key) in entries:
            subitems = [{"name": sub, "anchors": anchors} for sub, sub_targets in subentries
                        if (anchors := _anchors(sub_targets, existing))]
            anchors = _anchors(targets, existing)
            if anchors or subitems:
                items.append({"name": name, "anchors": anchors, "subentries": subitems})
        if items:
            groups.append({"letter": letter, "entries": items})
    return groups


def _add_print_index(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.name != PrintHandbookBuilder.name or doctree is None:
        return
    ids = (anchor for node in doctree.findall(nodes.Element) for anchor in node["ids"])
    existing = {anchor: position for position, anchor in enumerate(ids)}
    groups = print_index(app, existing)
    if not groups:
        return
    title = _("Hakemisto")
    context["handbook"]["index"] = {"title": title, "anchor": INDEX_ANCHOR, "groups": groups}
    context["handbook"].setdefault("toc", []).append(
        {"level": 1, "title": title, "anchor": INDEX_ANCHOR})


def setup(app: Sphinx) -> dict:
    # After print_builder's handler, which creates the `handbook` context.
    app.connect("html-page-context", _sort_site_index)
    app.connect("html-page-context", _add_print_index, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
