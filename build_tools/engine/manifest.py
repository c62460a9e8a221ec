"""build/manifest.json: every artifact with its checksum, size, pages and origin."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.engine.plan import Kind, Target
from build_tools.files import write_if_changed

MANIFEST_FILE = "manifest.json"


def write_manifest(build_dir: Path, targets: list[Target], state: dict, commit: str,
                   source_date_epoch: str, refused: list[str] | None = None) -> Path:
    """List the declared artifacts that exist, as last built; written after everything else.
    A release lists the languages it refused instead of their outputs."""
    entries = []
    for target in targets:
        facts = state.get(target.key)
        if not facts or not target.path.exists():
            continue
        path = target.path.parent if target.kind is Kind.HTML else target.path
        entries.append({
            "path": path.relative_to(build_dir).as_posix(),
            "kind": target.kind.value,
            "language": target.language,
            "edition": target.edition,
            "variant": target.variant,
            "sha256": facts["sha256"],
            "size": facts["size"],
            "pages": facts.get("pages"),
            "files": facts.get("files"),
            "checks": facts.get("checks"),
            # messages shown in the source language because their translation is missing
            "fallback": facts.get("fallback"),
            "source_commit": facts.get("source_commit", commit),
            # a --draft build marks untranslated text: not for publishing
            "draft": facts.get("draft", False),
        })
    manifest = {"source_commit": commit, "source_date_epoch": int(source_date_epoch),
                "artifacts": entries}
    if refused:
        manifest["refused_languages"] = refused
    path = build_dir / MANIFEST_FILE
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    write_if_changed(path, text.encode("utf-8"))
    return path
