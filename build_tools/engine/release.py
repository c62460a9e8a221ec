"""`invoke release VERSION`: build everything from a clean tree into a fresh folder and keep
it, never to be overwritten, under build/releases/VERSION/, with a git tag that records it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.engine.build import BuildOptions, build_or_raise, release_refusals
from build_tools.errors import ReleaseError
from build_tools.formats import VERSION_PATTERN, version_key
from build_tools.paths import RELEASES_DIR, BuildPaths
from build_tools.provenance import source_commit, source_date_epoch
from build_tools.release import archive, facts, git, snapshot
from build_tools.release.version import (
    BuildVersion,
    previous_release,
    tag_name,
    tagged_releases,
)

log = logging.getLogger(__name__)


def check_release(config: HandbookConfig, version: str) -> str | None:
    """Refuse a release that may not be made now; return the release it follows."""
    if not VERSION_PATTERN.match(version):
        raise ReleaseError(f"version {version!r}: use numbers separated by dots, such as 1.0")
    if config.version and config.version != version:
        raise ReleaseError(f"{config.path.name} declares version {config.version!r}: release "
                           f"that, or set [project] version = \"{version}\" and commit it")
    folder = archive.release_dir(version)
    if folder.exists() or tag_name(version) in git.tags(tag_name(version)):
        where = folder if folder.exists() else f"git tag {tag_name(version)}"
        raise ReleaseError(f"release {version} exists ({where}); a release is never "
                           "overwritten: choose a new version number")
    made = sorted(set(archive.released_versions()) | set(tagged_releases()), key=version_key)
    if made and version_key(version) <= version_key(made[-1]):
        raise ReleaseError(f"release {version} would come after {made[-1]}, which is newer; "
                           f"choose a version above {made[-1]}")
    dirty = git.uncommitted_files()
    if dirty:
        raise ReleaseError("a release is built from committed sources only; commit or "
                           "remove these first:\n  " + "\n  ".join(dirty[:20]))
    return previous_release(BuildVersion(version, True), made)


def make_release(config: HandbookConfig, version: str, jobs: int | None = None) -> Path:
    """Build and keep release `version`; return its folder.

    Every language must be complete (the `--release` gate). The folder holds the PDFs,
    the sites, manifest.json (with the version), messages.json (the message snapshot the
    next release compares with) and SHA256SUMS; its files are read-only. The tag
    handbook-VERSION on HEAD carries the same snapshot in its message, so a clone
    without build/ can still compare.
    """
    previous = check_release(config, version)
    RELEASES_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=RELEASES_DIR, prefix=f".{version}-") as temporary:
        work = Path(temporary)
        paths = BuildPaths(work / "build")
        languages = list(config.languages.values())
        options = BuildOptions(paths=paths, release=True, release_version=version, jobs=jobs)
        # Refused before anything is built: the build would refuse the same languages,
        # but only after minutes spent on the complete ones.
        refused = release_refusals(config, languages, options)
        if refused:
            raise ReleaseError(f"release {version} refused, nothing was built:\n" + "\n".join(
                f"{language}: {why}" for language, why in sorted(refused.items())))
        log.info("Building release %s from commit %s", version, source_commit()[:12])
        build_or_raise(config, languages, list(config.editions.values()), options)
        if git.uncommitted_files():
            raise ReleaseError("the sources changed while the release was built; "
                               "commit them and release again")
        messages = json.loads(facts.current_snapshot_text(paths))
        messages.update({"version": version, "source_commit": source_commit(),
                         "source_date_epoch": int(source_date_epoch())})
        stage = work / version
        archive.assemble(paths.root, stage, version, previous,
                         snapshot.snapshot_json(messages))
        git.create_tag(tag_name(version), snapshot.tag_message(config.title, version, messages))
        try:
            os.rename(stage, archive.release_dir(version))
        except OSError:
            git.delete_tag(tag_name(version))
            raise
        shutil.rmtree(paths.root, ignore_errors=True)
    return archive.release_dir(version)
