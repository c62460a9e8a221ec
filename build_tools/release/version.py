"""Which version a build carries, and how versions are ordered.

The rule: `invoke release VERSION` builds VERSION. Otherwise the version declared in
handbook.toml ([project] version) applies; without one, the latest release tag
(handbook-<version>): the tag's version when HEAD is the tagged commit, else
"<version>+<short commit>" (sources that moved on since that release). With neither
a declaration nor a tag, the build has no version ("" here; the outputs say unreleased).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.formats import VERSION_PATTERN, version_key
from build_tools.paths import PROJECT_ROOT
from build_tools.release.git import git_or_none, tags

TAG_PREFIX = "handbook-"


@dataclass(frozen=True)
class BuildVersion:
    """The version a build shows, and whether its sources are exactly that release's."""

    number: str
    released: bool


def tag_name(version: str) -> str:
    return f"{TAG_PREFIX}{version}"


def tagged_releases(root: Path = PROJECT_ROOT) -> dict[str, str]:
    """{version: commit} of every release tag."""
    return {name.removeprefix(TAG_PREFIX): commit for name, commit in tags(TAG_PREFIX, root).items()
            if VERSION_PATTERN.match(name.removeprefix(TAG_PREFIX))}


def build_version(config: HandbookConfig, releasing: str | None = None,
                  root: Path = PROJECT_ROOT, tagged: dict[str, str] | None = None) -> BuildVersion:
    """The version of a build of the sources at HEAD (see the module's rule); `tagged`:
    tagged_releases(root), when the caller has read them already."""
    if releasing:
        return BuildVersion(releasing, True)
    tagged = tagged_releases(root) if tagged is None else tagged
    head = git_or_none("rev-parse", "HEAD", root=root) or ""
    if config.version:
        return BuildVersion(config.version, tagged.get(config.version) == head)
    if not tagged:
        return BuildVersion("", False)
    at_head = [version for version, commit in tagged.items() if commit == head]
    if at_head:
        return BuildVersion(max(at_head, key=version_key), True)
    return BuildVersion(f"{max(tagged, key=version_key)}+{head[:7]}", False)


def previous_release(version: BuildVersion, releases: list[str]) -> str | None:
    """The release a build compares with: the latest before a release's version, or the
    latest of all for sources that are not a release."""
    if version.released and version.number:
        earlier = [v for v in releases if version_key(v) < version_key(version.number)]
    else:
        earlier = list(releases)
    return max(earlier, key=version_key) if earlier else None
