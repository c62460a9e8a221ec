"""Plan a build: the artifacts the configuration declares, their inputs, and which are stale."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from build_tools.config import PROJECT_ROOT, Edition, HandbookConfig, Language, Variant
from build_tools.errors import HandbookError
from build_tools.files import tree_facts, write_if_changed

SOURCE_DIR = PROJECT_ROOT / "source"
LOCALE_DIR = PROJECT_ROOT / "locale"
CODE_DIR = PROJECT_ROOT / "build_tools"
PRINT_THEME_DIR = CODE_DIR / "print_theme"
STATE_FILE = ".state.json"

# Libraries whose version changes what an artifact looks like. A new version rebuilds.
HTML_TOOLS = ("sphinx", "docutils", "jinja2", "pygments", "babel", "furo", "sphinx-basic-ng")
PDF_TOOLS = ("sphinx", "docutils", "jinja2", "pygments", "babel", "weasyprint", "pydyf",
             "tinycss2", "cssselect2", "tinyhtml5", "fonttools", "pyphen", "libvoikko")


class BuildError(HandbookError):
    """A build step failed; the message says which file to fix."""


@dataclass(frozen=True)
class Target:
    """One artifact a build can write: an HTML site, or one PDF variant of an edition."""

    kind: str  # "html" or "pdf"
    language: str
    path: Path
    edition: str | None = None
    variant: str | None = None

    @property
    def key(self) -> str:
        """A stable name, used in the state file, the manifest and progress messages."""
        if self.kind == "html":
            return f"html/{self.language}"
        return f"pdf/{self.edition}-{self.language}-{self.variant}"


def html_site_dir(build_dir: Path, language: str) -> Path:
    return build_dir / "html" / language


def print_html_dir(build_dir: Path, edition: str, language: str) -> Path:
    return build_dir / "print-html" / f"{edition}-{language}"


def declared_targets(config: HandbookConfig, languages: list[Language],
                     editions: list[Edition], build_dir: Path, html: bool = True,
                     pdf: bool = True, variants: list[Variant] | None = None) -> list[Target]:
    """HTML per language and every variant of every edition per language (or only those
    of `variants` that an edition declares), in that order."""
    wanted = None if variants is None else {variant.name for variant in variants}
    targets = []
    if html:
        targets += [Target("html", language.code,
                           html_site_dir(build_dir, language.code) / "index.html")
                    for language in languages]
    if pdf:
        targets += [Target("pdf", language.code,
                           build_dir / "pdf" / config.pdf_name(edition, language, variant),
                           edition.name, variant)
                    for edition in editions for language in languages
                    for variant in edition.variants if wanted is None or variant in wanted]
    return targets


def _hash_tree(root: Path, suffixes: tuple[str, ...] | None = None,
               skip: Path | None = None) -> str:
    """One hash over the names and contents of the files under `root`."""
    if not root.is_dir():
        return "absent"
    return tree_facts(root, lambda path: "__pycache__" not in path.parts
                      and (not suffixes or path.suffix in suffixes)
                      and not (skip and path.is_relative_to(skip)))["sha256"]


@cache
def _versions(tools: tuple[str, ...]) -> str:
    found = []
    for tool in tools:
        try:
            found.append(f"{tool}={metadata.version(tool)}")
        except metadata.PackageNotFoundError:
            found.append(f"{tool}=absent")
    return ",".join(found)


class Fingerprints:
    """Content hashes of every input group, each computed at most once per build."""

    def __init__(self, config: HandbookConfig, options: dict):
        self._config = config
        self._options = json.dumps(options, sort_keys=True)
        self._groups: dict[str, str] = {}

    def _group(self, name: str) -> str:
        if name not in self._groups:
            if name == "config":
                value = hashlib.sha256(self._config.path.read_bytes()).hexdigest()
            elif name == "source":
                value = _hash_tree(SOURCE_DIR)
            elif name == "code":
                value = _hash_tree(CODE_DIR, suffixes=(".py",), skip=PRINT_THEME_DIR)
            elif name == "print_theme":
                value = _hash_tree(PRINT_THEME_DIR)
            elif name.startswith("locale/"):
                value = _hash_tree(LOCALE_DIR / name.removeprefix("locale/"),
                                   suffixes=(".po",))
            elif name.startswith("tools/"):
                value = _versions(HTML_TOOLS if name == "tools/html" else PDF_TOOLS)
            else:
                raise KeyError(name)
            self._groups[name] = value
        return self._groups[name]

    def of(self, target: Target) -> str:
        """The hash of everything `target` is made from; equal hashes mean equal output."""
        groups = ["config", "source", "code", f"locale/{target.language}"]
        if target.kind == "html":
            groups.append("tools/html")
        else:
            groups += ["print_theme", "tools/pdf"]
        digest = hashlib.sha256(f"{target.key}\0{self._options}".encode())
        for group in groups:
            digest.update(f"\0{group}={self._group(group)}".encode())
        return digest.hexdigest()


def load_state(build_dir: Path) -> dict:
    """What earlier builds recorded per artifact: fingerprint, checksum, size, pages, time."""
    try:
        state = json.loads((build_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def save_state(build_dir: Path, state: dict) -> None:
    write_if_changed(build_dir / STATE_FILE,
                     json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))


def stale_targets(targets: list[Target], fingerprints: Fingerprints,
                  state: dict) -> list[Target]:
    """The targets whose inputs changed since they were last built, or whose output is gone."""
    return [target for target in targets
            if state.get(target.key, {}).get("fingerprint") != fingerprints.of(target)
            or not target.path.exists()]
