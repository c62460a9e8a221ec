"""Sphinx extension: Finnish fallback marked and counted, language switcher and PDF links."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import NodeMatcher, extract_messages

from build_tools.config import HandbookConfig
from build_tools.i18n.catalogs import UI_DOMAIN, read_catalog
from build_tools.paths import FALLBACK_FILE, LOCALE_DIR
from build_tools.sphinxext.print_builder import DRAFT_TAG, _, falls_back
from build_tools.sphinxext.settings import edition_for_tags, handbook_config

log = logging.getLogger(__name__)


class MarkFallback(SphinxTransform):
    """Text left untranslated carries the source language: lang="fi" on its element.

    Screen readers then read it as Finnish, and a draft build can show it. A document
    without any catalog yet (a new chapter before `i18n.update`) falls back entirely.
    """

    default_priority = 24  # after Sphinx's Locale (20), before its progress count (25)

    def apply(self, **kwargs: Any) -> None:
        source = handbook_config(self.config).source_language
        if self.config.language == source:
            return
        marked = list(NodeMatcher(nodes.Element, translated=Any).findall(self.document))
        if not marked:
            for node, _msg in extract_messages(self.document):
                node["translated"] = False
                marked.append(node)
        for node in marked:
            if not node["translated"]:
                node.setdefault("classes", []).append(f"language-{source}")


def fallback_count(app: Sphinx) -> tuple[int, int]:
    """(messages shown in the source language, all messages) in what this build shows.

    Counts every document, rebuilt or not, and skips `only` blocks this build leaves out.
    """
    fallback = total = 0

    def walk(node: nodes.Node) -> None:
        nonlocal fallback, total
        if isinstance(node, addnodes.only) and not app.tags.eval_condition(node["expr"]):
            return
        if isinstance(node, nodes.Element) and "translated" in node:
            total += 1
            fallback += not node["translated"]
        for child in node.children:
            walk(child)

    for docname in sorted(app.env.found_docs):
        walk(app.env.get_doctree(docname))
    return fallback, total


def _report_fallback(app: Sphinx, exception: Exception | None) -> None:
    source = handbook_config(app.config).source_language
    if exception is not None or app.config.language == source or app.builder.name == "gettext":
        return
    fallback, total = fallback_count(app)
    edition = edition_for_tags(handbook_config(app.config), app.tags)
    what = f"PDF {edition.name}" if edition else "HTML site"
    log.info("%s, %s: %d of %d text blocks (paragraphs, headings, items) fall back to %s",
             app.config.language, what, fallback, total, source)
    (Path(app.outdir) / FALLBACK_FILE).write_text(json.dumps(
        {"messages": fallback, "total": total, "to": source}), encoding="utf-8")


def _translate_search_messages(app: Sphinx, exception: Exception | None) -> None:
    """Give the search page's script the project's UI translations too.

    Sphinx copies its own translations.js, which has only its own (for Finnish, few)
    translations; the project's sphinx.po is merged over it.
    """
    script = Path(app.outdir) / "_static" / "translations.js"
    po_path = LOCALE_DIR / app.config.language / "LC_MESSAGES" / f"{UI_DOMAIN}.po"
    if exception is not None or app.builder.name != "html" or not script.is_file() \
            or not po_path.is_file():
        return
    text = script.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    for message in read_catalog(po_path, locale=app.config.language):
        if message.id and message.string and not message.fuzzy:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string
            data["messages"][key] = list(strings) if isinstance(strings, tuple) else strings
    script.write_text(f"Documentation.addTranslations({json.dumps(data, indent=4)});\n",
                      encoding="utf-8")


def _draft_marks(app: Sphinx, config) -> None:
    """A draft build classes untranslated elements; the stylesheets make them visible."""
    if app.tags.has(DRAFT_TAG):
        config.translation_progress_classes = "untranslated"


def _translate_copyright(app: Sphinx) -> None:
    """The footer names the city in the page's language."""
    app.config.copyright = _(handbook_config(app.config).author)


def site_links(config: HandbookConfig, pagename: str, target_uri: str, language: str) -> dict:
    """Links from one page of the site in `language` to its other languages and PDFs.

    The sites are build/html/<lang>/ and the PDFs build/pdf/: the links are relative,
    so they work from the file system and with build/ served as the web root.
    """
    to_html_root = "../" * (pagename.count("/") + 1)
    languages = [{"code": lang.code, "name": lang.name, "current": lang.code == language,
                  "url": f"{to_html_root}{lang.code}/{target_uri}"}
                 for lang in config.languages.values()]
    pdfs = []
    for edition in config.editions.values():
        for variant in edition.variants:
            title = _(edition.title)
            labels = [edition.title]
            if len(edition.variants) > 1:
                title = f"{title}, {_(config.variants[variant].label)}"
                labels.append(config.variants[variant].label)
            name = config.pdf_name(edition, config.languages[language], variant)
            pdfs.append({"title": title, "url": f"{to_html_root}../pdf/{name}",
                         "fallback": any(falls_back(label, language, config.source_language)
                                         for label in labels)})
    return {"languages": languages, "pdfs": pdfs}


def _add_site_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.name != "html":
        return
    links = site_links(handbook_config(app.config), pagename,
                       app.builder.get_target_uri(pagename), app.config.language)
    links["labels"] = {
        "language": _("Kieli"),
        "pdfs": _("Käsikirjat PDF-muodossa"),
        "download": _("Lataa PDF"),
        "draft": _("Luonnos: kääntämätöntä tekstiä"),
    }
    links["draft"] = app.tags.has(DRAFT_TAG)
    links["source_language"] = handbook_config(app.config).source_language
    context["handbook_i18n"] = links


def setup(app: Sphinx) -> dict:
    app.setup_extension("build_tools.sphinxext.settings")
    app.add_transform(MarkFallback)
    app.connect("config-inited", _draft_marks)
    app.connect("builder-inited", _translate_copyright)
    app.connect("html-page-context", _add_site_links)
    app.connect("build-finished", _report_fallback)
    app.connect("build-finished", _translate_search_messages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
