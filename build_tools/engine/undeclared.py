"""Outputs of languages, editions or variants no longer declared are removed, not served on."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.engine.plan import Kind, every_target
from build_tools.paths import BuildPaths

log = logging.getLogger(__name__)


def remove_undeclared(config: HandbookConfig, paths: BuildPaths) -> list[Path]:
    """Delete sites, PDFs and print HTML that handbook.toml no longer declares; return them."""
    declared = every_target(config, paths)
    sites = {target.path.parent for target in declared if target.kind is Kind.HTML}
    pdfs = {target.path for target in declared if target.kind is Kind.PDF}
    prints = {paths.print_html(str(t.edition), t.language) for t in declared if t.edition}
    # Only what a build of this handbook writes: a Sphinx output folder, a PDF named with
    # the slug. `--build-dir` may name a folder that holds a person's own pdf/ or html/.
    ours = config.slug + "-"
    candidates = [*_children(paths.html, lambda p: _sphinx_output(p) and p not in sites),
                  *_children(paths.pdf, lambda p: p.suffix == ".pdf" and p not in pdfs
                             and p.name.startswith(ours)),
                  *_children(paths.root / "print-html",
                             lambda p: _sphinx_output(p) and p not in prints)]
    for path in candidates:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        log.info("removed %s: %s no longer declares it", os.path.relpath(path),
                 config.path.name)
    return candidates


def _sphinx_output(path: Path) -> bool:
    """A folder a Sphinx build wrote (its inventory is there, as in every site and print HTML)."""
    return path.is_dir() and (path / "objects.inv").is_file()


def _children(folder: Path, unwanted) -> list[Path]:
    if not folder.is_dir():
        return []
    return [path for path in sorted(folder.iterdir())
            if not path.name.startswith(".") and unwanted(path)]
