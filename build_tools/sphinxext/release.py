"""Sphinx extension: the version in every output, the colophon and back cover of the PDFs,
"what changed" (site page, PDF appendix, change bars) and the site's versions page."""

from __future__ import annotations

import json
import posixpath
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages
from sphinx.util.tags import Tags

from build_tools.config import HandbookConfig
from build_tools.release.changes import ADDED, CHANGED, REMOVED, for_audience
from build_tools.release.facts import load_facts
from build_tools.release.snapshot import DOCUMENT_MESSAGES
from build_tools.sphinxext.print_builder import PrintHandbookBuilder, _
from build_tools.sphinxext.release_html import (
    changes_html,
    format_date,
    qr_code,
    versions_html,
)
from build_tools.sphinxext.settings import edition_for_tags, handbook_config

# The class of a changed or added paragraph, heading or list item: its change bar.
CHANGED_CLASS = "handbook-changed"
SITE = "site"
CHANGES_PAGE = "changes"
CHANGES_ANCHOR = "handbook-changes"
VERSIONS_PAGE = "versions"
WEB_CSS = "handbook-release.css"
FONT_LICENCE = "Open Sans, Apache License 2.0"


class MarkChanges(SphinxTransform):
    """Classes the messages added or changed since the last release with CHANGED_CLASS.

    Runs before Sphinx's Locale transform (priority 20), while each node still holds its
    source text, the msgid the facts name; the translation keeps the node's classes.
    """

    default_priority = 19

    def apply(self, **kwargs) -> None:
        marked = set(load_facts()["changes"].get(self.config.language, {}).get("marked", ()))
        if not marked:
            return
        for node, message in extract_messages(self.document):
            if message in marked:
                node["classes"].append(CHANGED_CLASS)


def _version_digest(app: Sphinx, config) -> None:
    """What the facts say enters every document when it is read: a change re-reads all."""
    facts = load_facts()
    config.handbook_release_digest = json.dumps(
        [facts["version"], facts["changes"].get(config.language, {}).get("marked", [])])


def _write_document_messages(app: Sphinx, exception: Exception | None) -> None:
    """After extraction: each document's messages in reading order, and who sees them."""
    if exception is not None or app.builder.name != "gettext":
        return
    # The tags each output's Sphinx build sets, as build_tools/i18n/placement.py has them.
    audiences = {SITE: Tags(["html", "format_html", "builder_html"])} | {
        edition.name: Tags([edition.tag, "handbookprint", "format_html", "builder_handbookprint"])
        for edition in handbook_config(app.config).editions.values()}
    documents = []
    for name in _reading_order(app):
        doctree = app.env.get_doctree(name)
        title = doctree.next_node(nodes.title)
        messages: dict[str, set[str]] = {}
        for node, message in extract_messages(doctree):
            conditions = [ancestor["expr"] for ancestor in _ancestors(node)
                          if isinstance(ancestor, addnodes.only)]
            messages.setdefault(message, set()).update(
                audience for audience, tags in audiences.items()
                if all(tags.eval_condition(condition) for condition in conditions))
        documents.append({"name": name, "title": title.rawsource if title else "",
                          "messages": [{"id": message, "in": sorted(where)}
                                       for message, where in messages.items()]})
    # Beside the doctrees: the extraction's output folder may be the committed templates.
    path = Path(app.doctreedir) / DOCUMENT_MESSAGES
    path.write_text(json.dumps({"documents": documents}, ensure_ascii=False, indent=1),
                    encoding="utf-8")


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _reading_order(app: Sphinx) -> list[str]:
    """The documents as the toctree orders them from the root, then any others."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            order.append(name)
            for child in app.env.toctree_includes.get(name, []):
                visit(child)

    visit(app.config.root_doc)
    return order + sorted(set(app.env.found_docs) - set(order))


def online_address(config: HandbookConfig, language: str) -> str:
    """The site in `language` when handbook.toml declares site_url (build/ served at it)."""
    return f"{config.site_url.rstrip('/')}/html/{language}/" if config.site_url else ""


def _labels() -> dict[str, str]:
    return {ADDED: _("Lisätty"), CHANGED: _("Muutettu"), REMOVED: _("Poistettu"),
            "before": _("Aiemmin:"), "after": _("Nyt:"),
            "version": _("Versio"), "published": _("julkaistu"),
            "site": _("verkkosivusto"), "none": _("Käsikirjasta ei ole vielä julkaistu versioita.")}


def version_label(facts: dict) -> str:
    """The version as readers see it, with what is not a release said in words."""
    if not facts["version"]:
        return _("julkaisematon")
    return facts["version"]


def changes_intro(facts: dict, chapters: list[dict]) -> str:
    """One sentence: compared with which release, or why there is nothing to list."""
    if facts["previous"] is None:
        if facts["released"]:
            return _("Versio %(version)s on käsikirjan ensimmäinen julkaisu.") % {
                "version": facts["version"]}
        return _("Käsikirjasta ei ole vielä julkaistu versiota, johon verrata.")
    values = {"version": version_label(facts), "previous": facts["previous"]}
    if not chapters:
        return _("Ei muutoksia versioon %(previous)s verrattuna.") % values
    return _("Versio %(version)s verrattuna versioon %(previous)s.") % values


def changes_body(facts: dict, language: str, audience: str, heading: int) -> str:
    """The intro and the changes `audience` sees, in `language`."""
    data = facts["changes"].get(language, {"chapters": [], "titles": {}})
    chapters = for_audience(data["chapters"], audience)
    return (f'<p class="changes-intro">{escape(changes_intro(facts, chapters))}</p>\n'
            + changes_html(chapters, data["titles"], _labels(), heading))


def _colophon(app: Sphinx, facts: dict) -> dict:
    config = handbook_config(app.config)
    edition = edition_for_tags(config, app.tags)
    language = app.config.language
    commit = facts["source_commit"]
    if facts["modified"]:
        # Not inside the f-string: Babel's extractor (Python 3.11) does not look into one.
        uncommitted = _("tallentamattomia muutoksia")
        commit = f"{commit} ({uncommitted})"
    available_languages = _("Saatavilla olevat kielet")
    rows = [(_("Käsikirja"), _(config.title), ""),
            (_("Julkaisu"), _(edition.title) if edition else "", ""),
            (_("Versio"), version_label(facts), ""),
            (_("Julkaisupäivä"), format_date(facts["source_date_epoch"], language), ""),
            (_("Julkaisija"), _(config.author), ""),
            (_("Kieli"), config.languages[language].name, ""),
            (available_languages,
             ", ".join(lang.name for lang in config.languages.values()), ""),
            (_("Saatavilla olevat muodot"),
             ", ".join(_(config.variants[name].label) for name in edition.variants)
             if edition else "", ""),
            (_("Verkkoversio"), online_address(config, language), online_address(config, language)),
            (_("Lähteiden versio (git)"), commit, ""),
            (_("Kirjasin"), FONT_LICENCE, "")]
    # Each language's name is in that language: the print HTML marks it (lang), and the
    # screen PDF carries it as /Lang, so a screen reader says "suomi" in Finnish.
    names = [{"code": lang.code, "name": lang.name} for lang in config.languages.values()]
    return {"title": _("Tietoja julkaisusta"),
            "rows": [{"label": label, "value": value, "href": href,
                      "languages": names if label == available_languages else None}
                     for label, value, href in rows if value]}


def _add_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    facts = load_facts()
    language = app.config.language
    release: dict[str, object] = {"version": version_label(facts), "version_title": _("Versio"),
               "changes_title": _("Mitä muuttui"), "versions_title": _("Versiot")}
    if app.builder.name == PrintHandbookBuilder.name:
        # The appendix in the contents, after the chapters and before the index (index.py).
        context["handbook"].setdefault("toc", []).append(
            {"level": 1, "title": _("Mitä muuttui"), "anchor": CHANGES_ANCHOR})
        config = handbook_config(app.config)
        edition = edition_for_tags(config, app.tags)
        address = online_address(config, language)
        release.update({
            "colophon": _colophon(app, facts),
            "changes_html": changes_body(facts, language,
                                         edition.name if edition else SITE, heading=3),
            "online_title": _("Verkkoversio"),
            "qr": {**qr_code(address), "address": address,
                   "alt": _("QR-koodi: käsikirjan verkkoversio osoitteessa %(url)s")
                   % {"url": address}} if address else None,
        })
    elif app.builder.name == "html":
        release.update({"changes_url": _link(app, pagename, CHANGES_PAGE),
                        "versions_url": _link(app, pagename, VERSIONS_PAGE)})
    context["handbook_release"] = release


def _link(app: Sphinx, pagename: str, target: str) -> str:
    """A link from `pagename` to `target`; Sphinx gives "" for a page's link to itself."""
    return (app.builder.get_relative_uri(pagename, target)
            or posixpath.basename(app.builder.get_target_uri(target)))


def _collect_pages(app: Sphinx):
    """The site's "what changed" and "versions" pages, generated from the facts."""
    if app.builder.name != "html":
        return
    facts = load_facts()
    language = app.config.language
    config = handbook_config(app.config)
    to_releases = "../" + facts["releases_href"]

    def pdf_title(pdf: dict) -> str:
        edition = config.editions.get(pdf["edition"])
        variant = config.variants.get(pdf["variant"])
        if edition is None or variant is None:
            return pdf["path"].rsplit("/", 1)[-1]
        return f"{_(edition.title)}, {_(variant.label)}"

    pages = {
        CHANGES_PAGE: (_("Mitä muuttui"), changes_body(facts, language, SITE, heading=2)),
        VERSIONS_PAGE: (_("Versiot"), versions_html(facts["releases"], language, to_releases,
                                                    pdf_title, _labels())),
    }
    for name, (title, body) in pages.items():
        html = f'<section id="{name}"><h1>{escape(title)}</h1>\n{body}\n</section>'
        yield name, {"title": title, "body": html}, "page.html"


def _add_web_css(app: Sphinx) -> None:
    if app.builder.name == "html":
        app.add_css_file(WEB_CSS)


def setup(app: Sphinx) -> dict:
    app.add_config_value("handbook_release_digest", "", "env", types=(str,))
    app.add_transform(MarkChanges)
    app.connect("config-inited", _version_digest)
    app.connect("builder-inited", _add_web_css)
    # After print_builder's handler, which creates the `handbook` context; before index.py's.
    app.connect("html-page-context", _add_context, priority=550)
    app.connect("html-collect-pages", _collect_pages)
    app.connect("build-finished", _write_document_messages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
