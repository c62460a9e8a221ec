"""Compilation: .po files to the .mo files Sphinx reads."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

from babel.messages.mofile import write_mo

from build_tools.files import write_if_changed
from build_tools.i18n.catalogs import read_catalog
from build_tools.paths import LOCALE_DIR

log = logging.getLogger(__name__)

def compile_catalogs(languages: list[str], locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile each .po newer than its .mo; fuzzy entries are left out, so they fall back.

    Runs before Sphinx starts: the extension translates the site title and labels
    when the builder starts, before Sphinx's own catalog compilation would run.
    """
    compiled = []
    for language in languages:
        for po_path in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            buffer = io.BytesIO()
            write_mo(buffer, read_catalog(po_path, locale=language), use_fuzzy=False)
            write_if_changed(mo_path, buffer.getvalue())
            os.utime(mo_path)
            compiled.append(mo_path)
    if compiled:
        log.info("Compiled %d translation catalog%s", len(compiled),
                 "" if len(compiled) == 1 else "s")
    return compiled
