"""Sphinx extension: figures and tables numbered in the reader's language, alternative text
required, and images that fall back to the source language's version counted."""

from __future__ import annotations

import logging

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.logging import get_node_location

from build_tools.sphinxext.print_builder import _
from build_tools.sphinxext.settings import edition_for_tags, handbook_config

log = logging.getLogger(__name__)


class MissingAltText(SphinxError):
    category = "Image without alternative text"


def _numbering_labels(app: Sphinx, config) -> None:
    """Caption labels from the handbook's catalog (Sphinx has no Finnish ones); a label
    set in conf.py wins. Runs before Sphinx fills in its own defaults (priority 800)."""
    labels = {"figure": _("Kuva %s"), "table": _("Taulukko %s"), "section": _("Luku %s")}
    config.numfig_format = {**{kind: str(label) for kind, label in labels.items()},
                            **config.numfig_format}


def _require_alt_text(app: Sphinx, doctree: nodes.document) -> None:
    """Every image says what it shows: screen readers read it, PDF/UA requires it."""
    missing = [f"{get_node_location(image) or app.env.docname}: {image['uri']}"
               for image in doctree.findall(nodes.image) if not image.get("alt", "").strip()]
    if missing:
        raise MissingAltText(
            "add `:alt: <what the image shows>` to each image or figure named here "
            "(a figure's caption does not replace it):\n  " + "\n  ".join(missing))


def image_fallbacks(app: Sphinx) -> tuple[list[str], int]:
    """(images shown in the source language's version, all images) of this build."""
    fallback, total = [], 0
    for docname in sorted(app.env.found_docs):
        for image in app.env.get_doctree(docname).findall(nodes.image):
            if "://" in image["uri"] or image["uri"].startswith("data:"):
                continue
            total += 1
            if "original_uri" not in image:
                fallback.append(image["uri"])
    return sorted(set(fallback)), total


def _report_image_fallback(app: Sphinx, exception: Exception | None) -> None:
    config = handbook_config(app.config)
    source = config.source_language
    if exception is not None or app.config.language == source or app.builder.name == "gettext":
        return
    fallback, total = image_fallbacks(app)
    edition = edition_for_tags(config, app.tags)
    what = f"PDF {edition.name}" if edition else "HTML site"
    log.info("%s, %s: %d of %d images fall back to %s%s", app.config.language, what,
             len(fallback), total, source,
             f" (no {app.config.language} variant of {', '.join(fallback)})" if fallback else "")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _numbering_labels, priority=700)
    app.connect("doctree-read", _require_alt_text)
    app.connect("build-finished", _report_image_fallback)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
