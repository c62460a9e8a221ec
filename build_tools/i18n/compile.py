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
    """Compile each .po whose .mo does not hold it; fuzzy entries are left out, so they
    fall back. Return the .mo files written.

    Runs before Sphinx starts: the extension translates the site title and labels
    when the builder starts, before Sphinx's own catalog compilation would run.
    Compared by content, not by modification time: a .po copied in with its old time
    kept (`cp -p`, unzip, rsync -a) is older than the last .mo, which would stay in use.
    """
    compiled = []
    for language in languages:
        for po_path in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po")):
            mo_path = po_path.with_suffix(".mo")
            buffer = io.BytesIO()
            write_mo(buffer, read_catalog(po_path, locale=language), use_fuzzy=False)
            if write_if_changed(mo_path, buffer.getvalue()):
                compiled.append(mo_path)
            po_time = po_path.stat().st_mtime_ns
            if mo_path.stat().st_mtime_ns < po_time:  # forward only: Sphinx would recompile
                os.utime(mo_path, ns=(po_time, po_time))  # it, without our checks
    if compiled:
        log.info("Compiled %d translation catalog%s", len(compiled),
                 "" if len(compiled) == 1 else "s")
    return compiled


def remove_orphan_catalogs(language: str, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Delete each .mo of `language` whose .po is gone (a broken translation removed to
    fall back to Finnish, a branch without it): Sphinx would go on applying it. Return
    them: Sphinx does not see a catalog go, so its saved documents must be read again."""
    removed = [mo for mo in sorted((locale_dir / language / "LC_MESSAGES").glob("*.mo"))
               if not mo.with_suffix(".po").is_file()]
    for mo in removed:
        mo.unlink()
        log.info("Removed %s: its .po is gone", mo.name)
    return removed
