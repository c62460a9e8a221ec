"""The committed .pot templates agree with the sources: checked by extracting afresh."""

from __future__ import annotations

import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog

from build_tools.config import HandbookConfig
from build_tools.i18n.catalogs import CatalogPaths, read_catalog, relative, render_catalog
from build_tools.i18n.extract import extract
from build_tools.paths import SOURCE_DIR

FIX = "run `invoke i18n.update` (it rewrites the templates and merges them into every " \
      "language) and commit locale/"


def _same(committed: Catalog, fresh: Catalog) -> bool:
    """Equal but for the extraction date."""
    fresh.creation_date = committed.creation_date
    return render_catalog(committed) == render_catalog(fresh)


def stale_templates(config: HandbookConfig, paths: CatalogPaths = CatalogPaths(),
                    source_dir: Path = SOURCE_DIR) -> list[str]:
    """Each committed template that is missing, out of date or left over, with the fix."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = CatalogPaths(locale_dir=paths.locale_dir, pot_dir=Path(scratch) / "templates")
        extract(config, fresh, source_dir)
        committed = {path.name: path for path in paths.templates()}
        problems = []
        for path in fresh.templates():
            old = committed.pop(path.name, None)
            if old is None:
                problems.append(f"{relative(paths.pot_dir / path.name)}: missing; {FIX}")
            elif not _same(read_catalog(old), read_catalog(path)):
                problems.append(f"{relative(old)}: out of date with the sources; {FIX}")
        problems += [f"{relative(old)}: its document is no longer in source/; {FIX}"
                     for old in committed.values()]
    return problems
