"""What a build says about its version: the facts file the engine writes before Sphinx runs
and the Sphinx extension reads (version, provenance, releases, what changed per language)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import cache
from pathlib import Path

from build_tools.config import HandbookConfig, project_config
from build_tools.errors import ReleaseError
from build_tools.files import tree_facts, write_if_changed
from build_tools.formats import version_key
from build_tools.i18n.catalogs import CatalogPaths
from build_tools.paths import LOCALE_DIR, RELEASES_DIR, SOURCE_DIR, BuildPaths
from build_tools.provenance import source_commit, source_date_epoch
from build_tools.release import archive, changes, snapshot
from build_tools.release.git import git_or_none, tag_message
from build_tools.release.version import (
    BuildVersion,
    build_version,
    previous_release,
    tag_name,
    tagged_releases,
)

log = logging.getLogger(__name__)

# The engine names the facts file of the build in progress to its workers.
FACTS_ENV = "HANDBOOK_RELEASE_FACTS"
FACTS_FILE = "facts.json"
# The current message snapshot, kept with the hash of the inputs it was extracted from.
CURRENT_MESSAGES = "current-messages.json"


def release_folder(paths: BuildPaths) -> Path:
    return paths.root / "release"


def write_facts(config: HandbookConfig, paths: BuildPaths,
                releasing: str | None = None) -> tuple[Path, str]:
    """Write the facts of a build into the build folder; return the file and its sha256
    (a part of every output's fingerprint)."""
    tagged = tagged_releases()
    version = build_version(config, releasing, tagged=tagged)
    releases = sorted(set(archive.released_versions()) | set(tagged), key=version_key)
    if releasing:
        releases = [v for v in releases if v != releasing]
    previous = previous_release(version, releases)
    current = (_current_snapshot(config, paths)
               if previous is not None or releasing else None)
    facts = base_facts(config, version)
    facts.update({
        "previous": previous,
        "releases": _listing(config, releasing),
        # From html/ of this build to build/releases/: a release's own site will be at
        # build/releases/<version>/html/.
        "releases_href": "../../" if releasing else
        os.path.relpath(RELEASES_DIR, paths.html).replace(os.sep, "/") + "/",
    })
    if previous is not None and current is not None:
        old = load_snapshot(previous)
        facts["changes"] = {}
        for code in config.languages:
            chapters = changes.compare(old, current, code)
            facts["changes"][code] = {"chapters": chapters,
                                      "marked": changes.marked_messages(chapters),
                                      "titles": changes.titles(current, code)
                                      | _removed_titles(old, current, code)}
    text = json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = release_folder(paths) / FACTS_FILE
    write_if_changed(path, text.encode("utf-8"))
    return path, hashlib.sha256(text.encode("utf-8")).hexdigest()


def base_facts(config: HandbookConfig, version: BuildVersion) -> dict:
    """Version and provenance, without releases or changes."""
    return {"version": version.number, "released": version.released,
            "source_commit": source_commit(), "source_date_epoch": int(source_date_epoch()),
            "modified": bool(git_or_none("status", "--porcelain", "--untracked-files=no")),
            "previous": None, "releases": [], "releases_href": "", "changes": {}}


def load_facts() -> dict:
    """The facts of the build in progress, or (outside an engine build, e.g. extraction)
    the version and provenance of the sources."""
    path = os.environ.get(FACTS_ENV)
    if path and Path(path).is_file():
        return _read(Path(path), Path(path).stat().st_mtime_ns)
    return _sources_facts()


@cache
def _read(path: Path, modified: int) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _sources_facts() -> dict:
    config = project_config()
    return base_facts(config, build_version(config))


def load_snapshot(version: str) -> dict:
    """A release's messages: from its folder, or else from its git tag."""
    path = archive.release_dir(version) / archive.MESSAGES
    if path.is_file():
        return snapshot.from_file(path)
    message = tag_message(tag_name(version))
    if message is None:
        raise ReleaseError(f"release {version}: neither {path} nor the git tag "
                           f"{tag_name(version)} holds its messages")
    return snapshot.from_tag_message(message, tag_name(version))


def current_snapshot_text(paths: BuildPaths) -> str:
    """The snapshot written by the last write_facts of this build folder."""
    data = json.loads((release_folder(paths) / CURRENT_MESSAGES).read_text(encoding="utf-8"))
    return snapshot.snapshot_json(data["snapshot"])


def _current_snapshot(config: HandbookConfig, paths: BuildPaths) -> dict:
    """The messages of the sources now; extracted again only when sources or catalogs
    changed since the last build into this folder."""
    key = "\0".join([tree_facts(SOURCE_DIR)["sha256"],
                     tree_facts(LOCALE_DIR, lambda name: name.endswith(".po"))["sha256"],
                     hashlib.sha256(config.path.read_bytes()).hexdigest()])
    cached = release_folder(paths) / CURRENT_MESSAGES
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        if data["key"] == key:
            return data["snapshot"]
    except (OSError, ValueError, KeyError):
        pass
    log.info("Reading the messages of the sources to compare with the last release")
    current = snapshot.current_snapshot(
        config, CatalogPaths(pot_dir=release_folder(paths) / "gettext"))
    text = json.dumps({"key": key, "snapshot": current}, ensure_ascii=False, sort_keys=True)
    write_if_changed(cached, text.encode("utf-8"))
    return current


def _removed_titles(old: dict, current: dict, language: str) -> dict[str, str]:
    present = {document["name"] for document in current["documents"]}
    return {name: title for name, title in changes.titles(old, language).items()
            if name not in present}


def _listing(config: HandbookConfig, releasing: str | None) -> list[dict]:
    """The releases with folders (and the one being made), newest first: version, date
    and the path of each PDF in its folder."""
    listed = []
    for version in archive.released_versions():
        record = archive.release_record(version)
        listed.append({"version": version, "source_date_epoch": record["source_date_epoch"],
                       "pdfs": [{key: artifact[key] for key in
                                 ("path", "language", "edition", "variant")}
                                for artifact in record["artifacts"]
                                if artifact["kind"] == "pdf"]})
    if releasing:
        listed.append({"version": releasing, "source_date_epoch": int(source_date_epoch()),
                       "pdfs": [{"path": f"pdf/{config.pdf_name(edition, language, variant.name)}",
                                 "language": language.code, "edition": edition.name,
                                 "variant": variant.name}
                                for edition, language, variant in config.declared_pdfs()]})
    return sorted(listed, key=lambda release: version_key(release["version"]), reverse=True)
