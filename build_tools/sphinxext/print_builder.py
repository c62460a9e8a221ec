"""Sphinx extension: the handbook's UI catalog, edition context and the print-HTML builder."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from docutils import nodes
from markupsafe import escape
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import get_translation
from sphinx.writers.html5 import HTML5Translator

from build_tools.paths import LOCALE_DIR, PRINT_THEME_DIR
from build_tools.provenance import source_date_epoch
from build_tools.sphinxext.settings import edition_for_tags, handbook_config
from build_tools.sphinxext.typography import MarkCapitals

CATALOG = "handbook"
PRINT_THEME = "handbook_print"
# `-t draft` marks every paragraph, heading, item and label still in the source language.
DRAFT_TAG = "draft"

_ = get_translation(CATALOG)

# Ids docutils and Sphinx number per document ("id1", "index-0"): the print HTML holds
# every chapter, so build_tools/sphinxext/print_elements.py makes them unique there.
_GENERATED_ID = re.compile(r"^(id|index-)\d+$")


def print_id(docname: str, node_id: str) -> str:
    """The id a numbered target has in the print HTML: unique across the inlined chapters."""
    return f"{docname.replace('/', '--')}-{node_id}" if _GENERATED_ID.match(node_id) else node_id


def falls_back(label: str, language: str, source_language: str) -> bool:
    """A label of handbook.po shown in the source language because it has no translation."""
    return language != source_language and _(label) == label


class PrintHTMLTranslator(HTML5Translator):
    """Writes no span before an inlined chapter: its link target is on its section."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        self.docnames.append(node["docname"])

    # Sphinx's translator finds section, figure and table numbers of inlined chapters
    # only for a builder named "singlehtml"; this one is a single-file builder too.
    def get_secnumber(self, node: nodes.Element):
        with _named_singlehtml(self.builder):
            return super().get_secnumber(node)

    def add_fignumber(self, node: nodes.Element) -> None:
        with _named_singlehtml(self.builder):
            super().add_fignumber(node)


@contextmanager
def _named_singlehtml(builder):
    builder.name = SingleFileHTMLBuilder.name
    try:
        yield
    finally:
        del builder.name


class PrintHandbookBuilder(SingleFileHTMLBuilder):
    """One HTML file per edition, laid out by the print theme for WeasyPrint."""

    name = "handbookprint"
    search = False
    default_translator_class = PrintHTMLTranslator
    # A scaled image is not linked to its file: in a PDF that link leads nowhere.
    html_scaled_image_link = False

    def get_theme_config(self):
        return PRINT_THEME, {}

    def assemble_toc_fignumbers(self) -> dict:
        """Figure and table numbers, under the ids their targets have in the print HTML."""
        return {root: {alias: {print_id(alias.rpartition("/")[0], key): number
                               for key, number in numbers.items()}
                       for alias, numbers in by_alias.items()}
                for root, by_alias in super().assemble_toc_fignumbers().items()}

    def assemble_doctree(self) -> nodes.document:
        """The single-file builder targets links to a chapter at an empty span just before
        it. On paper that span is a line of its own before the page break (an empty page
        on a double-sided layout) and links land a page early; as an id of the chapter's
        section it lands on the chapter's first page."""
        tree = super().assemble_doctree()
        for start in tree.findall(addnodes.start_of_file):
            section = next((child for child in start.children
                            if isinstance(child, nodes.section)), None)
            if section is not None:
                section["ids"].append(f"document-{start['docname']}")
        return tree


def table_of_contents(doctree: nodes.document) -> list[dict]:
    """Chapters and their sections in reading order, with the anchor each heading carries.

    In the single-file build the root document is depth 1 and chapters are depth 2.
    The walk tracks depth itself: parent links of inlined documents are not reliable.
    """
    entries = []

    def walk(node: nodes.Node, depth: int) -> None:
        for child in node.children:
            if isinstance(child, nodes.section):
                if depth in (1, 2) and child["ids"]:
                    title = child.next_node(nodes.title)
                    entries.append({"level": depth, "title": title.astext(),
                                    "anchor": child["ids"][0],
                                    "fallback": title.get("translated") is False})
                walk(child, depth + 1)
            elif isinstance(child, nodes.Element):
                walk(child, depth)

    walk(doctree, 0)
    return entries


def _translate_titles(app: Sphinx) -> None:
    """The site's title is the handbook's title, in the language being built.

    Themes insert html_title as HTML: escaped, a title from handbook.toml or a catalog
    is shown as the text it is.
    """
    app.config.html_title = escape(_(handbook_config(app.config).title))


def _source_date() -> str:
    """The sources' date as W3C date-time: the PDFs' creation date, never the clock's."""
    moment = datetime.fromtimestamp(int(source_date_epoch()), UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _add_handbook_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    config = handbook_config(app.config)
    edition = edition_for_tags(config, app.tags)
    sources = {"title": config.title, "author": config.author, "contents": "Sisällys"}
    if edition is not None:
        sources.update({"edition_title": edition.title, "audience": edition.audience})
    draft = app.tags.has(DRAFT_TAG)
    # Labels without a translation carry the source language (lang="fi"); a draft
    # marks them like body text, and prefixes the PDF's title.
    fallback = [key for key, label in sources.items()
                if falls_back(label, app.config.language, config.source_language)]
    handbook: dict[str, Any] = {
        "title": _(config.title),
        "author": _(config.author),
        "labels": {"contents": _("Sisällys")},
        "fallback": fallback,
        "draft": draft,
        "source_language": config.source_language,
    }
    if edition is not None:
        marker = f"[{config.source_language}] " if draft and "edition_title" in fallback else ""
        handbook.update({
            "edition_title": _(edition.title),
            "pdf_title": marker + _(edition.title),
            "audience": _(edition.audience),
            "edition": edition.name,
            # The PDFs' keywords, all in the language being built: never the edition's key.
            "keywords": ", ".join([_(config.title), _(config.author),
                                   *(_(keyword) for keyword in edition.keywords)]),
        })
    if doctree is not None and app.builder.name == PrintHandbookBuilder.name:
        handbook["toc"] = table_of_contents(doctree)
        handbook["date"] = _source_date()
    context["handbook"] = handbook


def setup(app: Sphinx) -> dict:
    app.setup_extension("build_tools.sphinxext.settings")
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.add_html_theme(PRINT_THEME, str(PRINT_THEME_DIR))
    app.add_builder(PrintHandbookBuilder)
    app.add_post_transform(MarkCapitals)
    app.connect("builder-inited", _translate_titles)
    app.connect("html-page-context", _add_handbook_context)
    # The print theme's colophon, changes appendix and back cover need its context.
    app.setup_extension("build_tools.sphinxext.release")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
