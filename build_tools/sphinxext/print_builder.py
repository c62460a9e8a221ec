"""Sphinx extension: the handbook's UI catalog, edition context and the print-HTML builder."""

from __future__ import annotations

from datetime import UTC, datetime

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import get_translation
from sphinx.writers.html5 import HTML5Translator

from build_tools.config import Edition, project_config
from build_tools.paths import LOCALE_DIR, PRINT_THEME_DIR
from build_tools.provenance import source_date_epoch

CATALOG = "handbook"
PRINT_THEME = "handbook_print"

_ = get_translation(CATALOG)


class PrintHTMLTranslator(HTML5Translator):
    """Writes no span before an inlined chapter: its link target is on its section."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        self.docnames.append(node["docname"])


class PrintHandbookBuilder(SingleFileHTMLBuilder):
    """One HTML file per edition, laid out by the print theme for WeasyPrint."""

    name = "handbookprint"
    search = False
    default_translator_class = PrintHTMLTranslator

    def get_theme_config(self):
        return PRINT_THEME, {}

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


def edition_for_tags(tags) -> Edition | None:
    """The edition whose Sphinx tag is set for this build, if any."""
    for edition in project_config().editions.values():
        if tags.has(edition.tag):
            return edition
    return None


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
                                    "anchor": child["ids"][0]})
                walk(child, depth + 1)
            elif isinstance(child, nodes.Element):
                walk(child, depth)

    walk(doctree, 0)
    return entries


def _translate_titles(app: Sphinx) -> None:
    """The site's title is the handbook's title, in the language being built."""
    app.config.html_title = _(project_config().title)


def _source_date() -> str:
    """The sources' date as W3C date-time: the PDFs' creation date, never the clock's."""
    moment = datetime.fromtimestamp(int(source_date_epoch()), UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _add_handbook_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    config = project_config()
    edition = edition_for_tags(app.tags)
    handbook = {
        "title": _(config.title),
        "author": _(config.author),
        "labels": {"contents": _("Sisällys")},
    }
    if edition is not None:
        handbook.update({
            "edition_title": _(edition.title),
            "audience": _(edition.audience),
            "edition": edition.name,
        })
    if doctree is not None and app.builder.name == PrintHandbookBuilder.name:
        handbook["toc"] = table_of_contents(doctree)
        handbook["date"] = _source_date()
    context["handbook"] = handbook


def setup(app: Sphinx) -> dict:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.add_html_theme(PRINT_THEME, str(PRINT_THEME_DIR))
    app.add_builder(PrintHandbookBuilder)
    app.connect("builder-inited", _translate_titles)
    app.connect("html-page-context", _add_handbook_context)
    # The print theme's colophon, changes appendix and back cover need its context.
    app.setup_extension("build_tools.sphinxext.release")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
