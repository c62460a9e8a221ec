"""A test repository for releases: the project copied into a git checkout of its own, with
Finnish and Swedish only, a declared site address, and commits at fixed dates."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog

from benchmarks.stressbook import copy_project
from build_tools.i18n.catalogs import read_catalog, render_catalog
from build_tools.paths import PROJECT_ROOT

SITE_URL = "https://ohje.example.fi/"


def git(project: Path, *arguments: str, date: str = "2026-09-01T12:00:00Z") -> str:
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *arguments], cwd=project, env=environment, check=True,
                          capture_output=True, text=True).stdout


def make_repository(destination: Path) -> Path:
    """The project in `destination`, committed, with languages fi and sv."""
    project = copy_project(destination)
    shutil.copy2(PROJECT_ROOT / ".gitignore", project / ".gitignore")
    shutil.rmtree(project / "locale" / "en")
    toml = project / "handbook.toml"
    text = re.sub(r"\[languages\.en\]\nname = \"English\"\n", "",
                  toml.read_text(encoding="utf-8"))
    # A release also needs the accessibility statement's feedback address.
    text = text.replace('source_language = "fi"\n', f'source_language = "fi"\nsite_url = "{SITE_URL}"\n'
                        'feedback_email = "saavutettavuus@example.fi"\n', 1)
    toml.write_text(text, encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "config", "user.name", "Release Test")
    git(project, "config", "user.email", "release-test@example.fi")
    commit(project, "The handbook", "2026-09-01T12:00:00Z")
    return project


def commit(project: Path, message: str, date: str) -> None:
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", message, date=date)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def translate(po_path: Path, translations: dict[str, str], remove: tuple[str, ...] = ()) -> None:
    """Set msgid -> msgstr in a catalog (as a translator saves it), dropping `remove`."""
    catalog: Catalog = read_catalog(po_path, locale="sv")
    for msgid in remove:
        catalog.delete(msgid)
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr)
    po_path.write_bytes(render_catalog(catalog))


def message_of(po_path: Path, fragment: str) -> tuple[str, str]:
    """(msgid, msgstr) of the one message whose msgid contains `fragment`."""
    found = [(m.id, m.string) for m in read_catalog(po_path, locale="sv")
             if m.id and fragment in m.id]
    assert len(found) == 1, found
    return found[0]


def tree_hashes(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mode of every file under `folder`."""
    return {path.relative_to(folder).as_posix():
            (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
            for path in sorted(folder.rglob("*")) if path.is_file()}
