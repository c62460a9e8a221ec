"""Render print HTML to PDF with WeasyPrint's Python API."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from build_tools.config import Variant

log = logging.getLogger(__name__)

def render_pdf(html_file: Path, pdf_path: Path, variant: Variant,
               font_config: FontConfiguration | None = None, url_fetcher=None,
               finisher=None) -> int:
    """Lay out `html_file` and write it to `pdf_path`; return the page count.

    The PDF is written next to its destination and renamed into place, so a failed
    or interrupted render never replaces the last good file.
    """
    font_config = font_config or FontConfiguration()
    document = HTML(filename=html_file, url_fetcher=url_fetcher).render(font_config=font_config)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(f".{pdf_path.name}.partial")
    try:
        # Every variant is tagged: a structure tree costs little and serves screen readers.
        document.write_pdf(partial,
                           pdf_variant=variant.pdf_variant, pdf_tags=True,
                           finisher=finisher)
        os.replace(partial, pdf_path)
    finally:
        partial.unlink(missing_ok=True)
    return len(document.pages)
