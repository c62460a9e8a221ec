"""Sphinx extension for the web site: its typeface, accessibility layer and search-message fix."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from build_tools.errors import WebBuildError

# In source/_static/: the PDFs' typeface; keyboard access to furo's drawers, focus that
# stays visible.
WEB_CSS = ("handbook-fonts.css", "handbook-a11y.css")
A11Y_JS = "handbook-a11y.js"
_JS_CATALOG_PREFIX = "Documentation.addTranslations("


def _add_assets(app: Sphinx) -> None:
    # Only the web site: the print builder is an HTML builder too, and WeasyPrint
    # must not see the screen stylesheets.
    if app.builder.name == "html":
        for stylesheet in WEB_CSS:
            app.add_css_file(stylesheet)
        app.add_js_file(A11Y_JS, defer="defer")


_TABLE_WRAPPER = re.compile(r'<div class="table-wrapper[^"]*"')
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.S)


def focusable_table_wrappers(body: str, table_word: str) -> str:
    """furo wraps each table in a box that scrolls sideways when the table is wide; a
    keyboard can scroll it only if it takes focus (WCAG 2.1.1, axe
    scrollable-region-focusable). Each box becomes a focusable region named by its
    caption, or by `table_word` ("Taulukko", the caption label's word)."""
    pieces, position = [], 0
    for wrapper in _TABLE_WRAPPER.finditer(body):
        table_end = body.find("</table>", wrapper.end())
        caption = _CAPTION.search(body, wrapper.end(), table_end if table_end > 0 else len(body))
        name = re.sub(r"<[^>]+>|¶", "", caption.group(1)) if caption else table_word
        name = html.escape(" ".join(html.unescape(name).split()), quote=True)
        pieces += [body[position:wrapper.start()],
                   f'<div tabindex="0" role="region" aria-label="{name}"',
                   body[wrapper.start() + len("<div"):wrapper.end()]]
        position = wrapper.end()
    return "".join(pieces) + body[position:]


def _repair_table_wrappers(app: Sphinx, pagename: str, templatename: str, context: dict,
                           doctree) -> None:
    if app.builder.name == "html" and "table-wrapper" in context.get("body", ""):
        label = app.config.numfig_format.get("table", "%s")
        context["body"] = focusable_table_wrappers(context["body"],
                                                   label.replace("%s", "").strip())


class UniqueWrapperIds(SphinxPostTransform):
    """furo wraps tables and math blocks in a scrolling box and copies every attribute of
    the wrapped element onto it, its ids too: two elements of one id (HTML forbids it,
    and a link to the table lands on either). The id stays on the table only."""

    formats = ("html",)
    default_priority = 501  # after furo's wrapping transform (500)

    def run(self, **kwargs) -> None:
        for wrapper in self.document.findall(nodes.container):
            if {"table-wrapper", "math-wrapper"} & set(wrapper["classes"]):
                wrapper["ids"] = []


def repair_js_catalog(text: str) -> str:
    """Sphinx's translations.js, made safe for its own search page.

    Two defects in Sphinx's JavaScript catalogs break the search results page:
    `plural_expr` such as "(n != 1)" gives a boolean, and doctools.js indexes the plural
    forms with it, so "Search finished, found 2 pages" is `undefined` and the page throws;
    and untranslated messages are "" rather than absent, so a reader gets an empty
    status line instead of the English text. Plural indexes are made numbers and empty
    translations are dropped (gettext then falls back to the source text).
    """
    if not text.startswith(_JS_CATALOG_PREFIX) or not text.rstrip().endswith(");"):
        raise ValueError("not a Sphinx JavaScript catalog")
    catalog = json.loads(text[len(_JS_CATALOG_PREFIX):text.rstrip().rindex(");")])
    catalog["messages"] = {
        message: translation for message, translation in catalog["messages"].items()
        if translation and all(translation if isinstance(translation, list) else [translation])
    }
    catalog["plural_expr"] = f"Number({catalog['plural_expr']})"
    return f"{_JS_CATALOG_PREFIX}{json.dumps(catalog, indent=4, ensure_ascii=False)});\n"


def _repair_translations_js(app: Sphinx, exception: Exception | None) -> None:
    path = Path(app.outdir) / "_static" / "translations.js"
    if exception is not None or app.builder.name != "html" or not path.is_file():
        return
    try:
        path.write_text(repair_js_catalog(path.read_text(encoding="utf-8")), encoding="utf-8")
    except (ValueError, KeyError) as error:
        raise WebBuildError(f"{path}: cannot repair Sphinx's search messages ({error}); "
                            f"check repair_js_catalog in {__name__} against this Sphinx "
                            "version's translations.js") from error


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_assets)
    app.connect("build-finished", _repair_translations_js)
    app.connect("html-page-context", _repair_table_wrappers)
    app.add_post_transform(UniqueWrapperIds)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
