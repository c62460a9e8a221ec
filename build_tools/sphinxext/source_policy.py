"""Sphinx extension: chapters may not carry raw HTML, include files, or point at remote images."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

log = logging.getLogger(__name__)

# Why each directive is refused unless `handbook_allowed_directives` in conf.py names it.
REFUSED = {
    "raw": "raw HTML bypasses the handbook's templates and can run scripts in the site",
    "include": "it reads a file from outside the chapter, which the sandbox does not allow",
    "literalinclude": "it reads a file from outside the chapter, which the sandbox does not "
                      "allow",
}
CONFIG_VALUE = "handbook_allowed_directives"


class RefusedDirective(SphinxDirective):
    """Stands in for a refused directive: an error naming the file, the line and the fix."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    # Any option is accepted: the message should be about the directive, not an option.
    option_spec: dict[str, Callable[[str], Any]] = defaultdict(lambda: directives.unchanged)

    def run(self) -> list[nodes.Node]:
        raise self.error(
            f'the "{self.name}" directive is not allowed in the handbook\'s sources: '
            f"{REFUSED[self.name]}. Remove it, or allow it with "
            f'{CONFIG_VALUE} = ["{self.name}"] in source/conf.py')


def _refuse_directives(app: Sphinx, config) -> None:
    for name in REFUSED:
        if name not in config[CONFIG_VALUE]:
            app.add_directive(name, RefusedDirective, override=True)


def _disable_docutils_insertion(app: Sphinx, env, docnames) -> None:
    """Also close docutils' other doors: the raw role, csv-table :file: and :url:."""
    allowed = app.config[CONFIG_VALUE]
    env.settings["raw_enabled"] = "raw" in allowed
    env.settings["file_insertion_enabled"] = bool({"include", "literalinclude"} & set(allowed))


def _refuse_remote_images(app: Sphinx, doctree: nodes.document) -> None:
    """An image from a URL would make the PDF build reach the network, and readers too."""
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if "://" in uri or uri.startswith(("//", "file:")):
            log.error("image %s is not in the project; a handbook may only use images "
                      "inside source/: download it into source/_static/ and refer to it "
                      "there", uri, location=image)


def setup(app: Sphinx) -> dict:
    # Links, images and downloads are checked by their own extension, part of the policy.
    app.setup_extension("build_tools.sphinxext.sanitize")
    app.add_config_value(CONFIG_VALUE, [], "env", types=[list])
    app.connect("config-inited", _refuse_directives)
    app.connect("env-before-read-docs", _disable_docutils_insertion)
    app.connect("doctree-read", _refuse_remote_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
