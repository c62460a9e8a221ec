"""Sphinx extension: links only to safe schemes, images and downloads only from source/."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.logging import get_node_location

from build_tools.i18n.safety import SAFE_SCHEMES, unsafe_scheme

log = logging.getLogger(__name__)

# Before Sphinx's image and download collectors (priority 500) note the files to copy.
_BEFORE_COLLECTORS = 400


def _defuse_links(doctree: nodes.document) -> None:
    """A link to javascript:, data:, file: ... runs code or reads the reader's disk: it is
    an error, and the text stays as plain text even when the build goes on."""
    reported = set()
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.reference | nodes.target)
                                     and "refuri" in n)):
        scheme = unsafe_scheme(node["refuri"])
        if scheme is None:
            continue
        # A named hyperlink is a reference and a target on the same line: one message.
        key = (get_node_location(node), node["refuri"])
        if key not in reported:
            reported.add(key)
            log.error("link to a %s: address (%s); links may only use %s or point inside the "
                      "handbook: remove the link or correct the address", scheme,
                      node["refuri"][:60], ", ".join(SAFE_SCHEMES), location=node)
        del node["refuri"]
        if isinstance(node, nodes.reference):
            node.replace_self(nodes.inline(node.rawsource, "", *node.children))


def _outside(app: Sphinx, reference: str, docname: str) -> str | None:
    """The resolved path of `reference` when it lies outside source/ (or is a link)."""
    if "://" in reference or reference.startswith(("data:", "//")):
        return None
    _relative, absolute = app.env.relfn2path(reference, docname)
    source = Path(app.srcdir).resolve()
    resolved = Path(absolute).resolve()
    return None if resolved.is_relative_to(source) and not Path(absolute).is_symlink() \
        else str(resolved)


def _keep_files_inside(app: Sphinx, doctree: nodes.document) -> None:
    """An image or download outside source/ would be copied into the site and the PDF."""
    docname = app.env.docname
    for node in list(doctree.findall(nodes.image)):
        uri = node.get("uri", "")
        if uri and (path := _outside(app, uri, docname)):
            log.error("image %s is outside source/ (%s); a handbook may only use files "
                      "inside source/: copy it into source/_static/", uri, path, location=node)
            node.parent.remove(node)
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if target and (path := _outside(app, target, docname)):
            log.error("download %s is outside source/ (%s); a handbook may only offer files "
                      "inside source/: copy it into source/_static/", target, path,
                      location=node)
            node.replace_self(nodes.inline(node.rawsource, "", *node.children))


def _sanitize(app: Sphinx, doctree: nodes.document) -> None:
    _defuse_links(doctree)
    _keep_files_inside(app, doctree)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _sanitize, priority=_BEFORE_COLLECTORS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
