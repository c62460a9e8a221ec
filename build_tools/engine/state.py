"""What each output was built from: fingerprints of its inputs, kept in build/.state.json."""

from __future__ import annotations

import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from build_tools.check_record import language_digest
from build_tools.config import HandbookConfig
from build_tools.engine.file_hashes import FileHashes
from build_tools.engine.plan import Kind, Target
from build_tools.files import tree_facts, write_if_changed
from build_tools.paths import CODE_DIR, HYPHENATION_DIR, LOCALE_DIR, PRINT_THEME_DIR, SOURCE_DIR

STATE_FILE = ".state.json"

# Libraries whose version changes what an artifact looks like. A new version rebuilds.
HTML_TOOLS = ("sphinx", "docutils", "jinja2", "pygments", "babel", "furo", "sphinx-basic-ng")
PDF_TOOLS = ("sphinx", "docutils", "jinja2", "pygments", "babel", "weasyprint", "pydyf",
             "tinycss2", "cssselect2", "tinyhtml5", "fonttools", "pyphen", "pyvoikko", "kfst")


def _hash_tree(root: Path, hashes: FileHashes, suffixes: tuple[str, ...] = ("",),
               skip: Path | None = None) -> str:
    """One hash over the names and contents of the files under `root` (those ending in one
    of `suffixes`, none under `skip` or in a __pycache__ folder)."""
    if not root.is_dir():
        return "absent"
    skipped = f"{skip.relative_to(root).as_posix()}/" if skip else None
    return tree_facts(root, lambda name: name.endswith(suffixes)
                      and "__pycache__" not in name.split("/")
                      and not (skipped and name.startswith(skipped)), hashes.digest)["sha256"]


def _versions(tools: tuple[str, ...]) -> str:
    found = []
    for tool in tools:
        try:
            found.append(f"{tool}={metadata.version(tool)}")
        except metadata.PackageNotFoundError:
            found.append(f"{tool}=absent")
    return ",".join(found)


def _installed_versions(tools: tuple[str, ...], hashes: FileHashes) -> str:
    """The tools' versions. Reading them parses each package's metadata (a sixth of a
    no-op build), so they are read again only when a folder packages are installed into
    changed: installing, upgrading or removing a package adds or removes its .dist-info
    folder there, which changes the folder's modification time."""
    folders = [[folder, Path(folder).stat().st_mtime_ns] for folder in sys.path
               if folder and Path(folder).is_dir()]
    return hashes.remembered(f"versions:{','.join(tools)}", folders,
                             lambda: _versions(tools))


class Fingerprints:
    """Content hashes of every input group, each computed at most once per build."""

    def __init__(self, config: HandbookConfig, options: dict, check_record: Path | None,
                 hashes: FileHashes):
        self._config = config
        self._hashes = hashes
        self._options = json.dumps(options, sort_keys=True)
        self._groups: dict[str, str] = {}
        self._check_record = check_record

    def _group(self, name: str) -> str:
        if name not in self._groups:
            if name == "config":
                value = hashlib.sha256(self._config.path.read_bytes()).hexdigest()
            elif name == "source":
                value = _hash_tree(SOURCE_DIR, self._hashes)
            elif name == "code":
                value = _hash_tree(CODE_DIR, self._hashes, suffixes=(".py",), skip=PRINT_THEME_DIR)
            elif name == "print_theme":
                value = _hash_tree(PRINT_THEME_DIR, self._hashes)
            elif name.startswith("hyphenation/"):  # a language's exceptions file
                path = HYPHENATION_DIR / f"{name.removeprefix('hyphenation/')}-exceptions.txt"
                value = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() \
                    else "absent"
            elif name.startswith("locale/"):
                value = _hash_tree(LOCALE_DIR / name.removeprefix("locale/"), self._hashes,
                                   suffixes=(".po",))
            elif name.startswith("tools/"):
                value = _installed_versions(
                    HTML_TOOLS if name == "tools/html" else PDF_TOOLS, self._hashes)
            else:
                raise KeyError(name)
            self._groups[name] = value
        return self._groups[name]

    def sphinx_code(self) -> str:
        """What Sphinx's saved environment depends on beyond the sources: our extensions'
        code and the configuration. Sphinx does not see a change to either."""
        return hashlib.sha256("\0".join(self._group(name) for name in
                                         ("code", "config", "tools/pdf")).encode()).hexdigest()

    def of(self, target: Target) -> str:
        """The hash of everything `target` is made from; equal hashes mean equal output."""
        groups = ["config", "source", "code", f"locale/{target.language}"]
        if target.kind is Kind.HTML:
            groups.append("tools/html")
        else:
            groups += ["print_theme", f"hyphenation/{target.language}", "tools/pdf"]
        digest = hashlib.sha256(f"{target.key}\0{self._options}".encode())
        for group in groups:
            digest.update(f"\0{group}={self._group(group)}".encode())
        if target.kind is Kind.HTML and self._check_record is not None:
            # Read afresh: the PDFs published during a build change it.
            digest.update(language_digest(self._check_record, target.language).encode())
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


def stale_targets(targets: list[Target], fingerprints: Fingerprints, state: dict,
                  hashes: FileHashes) -> list[Target]:
    """The targets whose inputs changed since they were last built, or whose output is
    gone or is no longer what was written (its checksum differs from the one recorded)."""
    return [target for target in targets
            if state.get(target.key, {}).get("fingerprint") != fingerprints.of(target)
            or not _output_intact(target, state[target.key], hashes)]


def _output_intact(target: Target, facts: dict, hashes: FileHashes) -> bool:
    try:
        if target.kind is Kind.HTML:
            written = tree_facts(target.path.parent, digest_of=hashes.digest)["sha256"]
        else:
            written = hashes.digest(target.path).hex()
    except OSError:
        return False
    return target.path.exists() and written == facts.get("sha256")
