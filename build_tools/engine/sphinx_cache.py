"""Sphinx's saved doctrees: dropped when our own Sphinx code or configuration changes,
or when a build fails."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from build_tools.paths import BuildPaths

log = logging.getLogger(__name__)


def forget_stale_doctrees(paths: BuildPaths, code_fingerprint: str) -> None:
    """Sphinx reuses its saved doctrees unless a source or its own config changed: after
    a change to our extensions they would be stale, so all of them are dropped."""
    marker = paths.doctrees(".code-fingerprint")
    if marker.is_file() and marker.read_text(encoding="utf-8") == code_fingerprint:
        return
    if marker.parent.exists():
        log.info("the build code or configuration changed: Sphinx reads every document again")
    shutil.rmtree(marker.parent, ignore_errors=True)
    marker.parent.mkdir(parents=True)
    marker.write_text(code_fingerprint, encoding="utf-8")


def forget_language_doctrees(paths: BuildPaths, language: str) -> None:
    """Drop the saved doctrees of one language's Sphinx runs (site and print HTML): Sphinx
    re-reads a document when its catalog changes, not when the catalog is gone."""
    for folder in sorted(paths.doctrees("").glob(f"*-{language}")):
        shutil.rmtree(folder, ignore_errors=True)


def run_sphinx_or_forget(builder: str, language: str, outdir: Path, doctreedir: Path,
                          tags: tuple[str, ...], strict: bool) -> None:
    """Run Sphinx; on failure drop its saved state so the next run reports the problem again.

    Sphinx re-reads only changed documents: after a failed strict build an unchanged
    document with a warning would otherwise pass silently the second time.
    """
    from build_tools.sphinxext.runner import run_sphinx

    try:
        run_sphinx(builder, language, outdir, doctreedir, tags=tags, strict=strict)
    except BaseException:
        shutil.rmtree(doctreedir, ignore_errors=True)
        raise
