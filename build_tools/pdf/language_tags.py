"""Language of parts in tagged PDFs: WeasyPrint 70 writes /Lang only in the catalog, so text
marked lang="fi" in a Swedish book (a Finnish fallback) would be read with Swedish rules."""

from __future__ import annotations

import pydyf
from weasyprint.pdf import tags

_ORIGINAL = tags._build_box_tree


def _build_box_tree(box, parent, pdf, *arguments):
    """WeasyPrint's own, then /Lang on the element made for a box whose HTML element
    declares a language other than the document's."""
    source = getattr(box, "element", None)
    declared = source.get("lang") if source is not None and isinstance(source.tag, str) \
        and box.element_tag not in ("html", "body") else None
    # The catalog's /Lang is written from <html lang> before the tags.
    document = pdf.catalog.get("Lang")
    language = declared if declared and pydyf.String(declared).data != getattr(
        document, "data", None) else None
    for element in _ORIGINAL(box, parent, pdf, *arguments):
        if language and "Lang" not in element:
            element["Lang"] = pydyf.String(language)
        yield element


def apply() -> None:
    """Replace WeasyPrint's tag builder with the one that marks languages; idempotent."""
    tags._build_box_tree = _build_box_tree
