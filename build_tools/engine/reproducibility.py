"""`invoke verify-reproducible`: two builds of the same sources must write the same bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from build_tools.config import Edition, HandbookConfig, Language
from build_tools.engine.build import BuildOptions, build, failures
from build_tools.errors import BuildError
from build_tools.paths import BuildPaths


def compare_trees(first: Path, second: Path) -> list[str]:
    """Files that differ between two build folders (or exist in only one), relative names."""
    def files(root: Path) -> dict[str, Path]:
        return {path.relative_to(root).as_posix(): path for path in root.rglob("*")
                if path.is_file() and path.relative_to(root).parts[0] in ("html", "pdf")}
    left, right = files(first), files(second)
    return sorted(name for name in left.keys() | right.keys()
                  if name not in left or name not in right
                  or left[name].read_bytes() != right[name].read_bytes())


def verify_reproducible(config: HandbookConfig, languages: list[Language],
                        editions: list[Edition], jobs: int | None = None) -> list[str]:
    """Build the selection twice in separate temporary folders; return the files that differ."""
    with tempfile.TemporaryDirectory(prefix="handbook-repro-") as temporary:
        folders = [Path(temporary) / "first", Path(temporary) / "second"]
        for folder in folders:
            options = BuildOptions(paths=BuildPaths(folder), jobs=jobs)
            failed = failures(build(config, languages, editions, options))
            if failed:
                raise BuildError("; ".join(f"{o.target.key}: {o.error}" for o in failed))
        return compare_trees(*folders)
