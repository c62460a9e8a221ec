"""A release's messages: every paragraph, heading and list item of each chapter, where it
appears, and its text in each language, kept so the next release can compare without a rebuild.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.errors import ReleaseError
from build_tools.i18n.catalogs import CatalogPaths, read_catalog

# Written by the Sphinx extension build_tools.sphinxext.release beside the extraction's
# doctrees: each document's messages in reading order, with the audiences ("site" or an
# edition) whose `.. only::` conditions show them.
DOCUMENT_MESSAGES = "document-messages.json"
SNAPSHOT_FORMAT = 1


def current_snapshot(config: HandbookConfig, paths: CatalogPaths) -> dict:
    """The messages of the sources and the catalogs of `paths` as they are now, extracted
    by Sphinx into `paths.pot_dir` (a folder of the build, not the committed templates)."""
    from build_tools.i18n.extract import extract_documents

    extract_documents(paths.pot_dir, config.source_language, doctree_dir=paths.doctrees,
                      config=config)
    return snapshot_from(config, paths)


def snapshot_from(config: HandbookConfig, paths: CatalogPaths) -> dict:
    """The snapshot of the last extraction into `paths` and the catalogs in `paths`."""
    listing = paths.doctrees / DOCUMENT_MESSAGES
    try:
        documents = json.loads(listing.read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError) as error:
        raise ReleaseError(f"{listing}: no message list from the extraction ({error}); "
                           "run `invoke i18n.extract`") from None
    languages = [code for code in config.languages if code != config.source_language]
    for document in documents:
        translations = {code: _translations(paths.po(code, document["name"]), code)
                        for code in languages}
        for message in document["messages"]:
            message["text"] = {code: translations[code].get(message["id"], message["id"])
                               for code in languages}
    return {"format": SNAPSHOT_FORMAT, "source_language": config.source_language,
            "languages": list(config.languages), "documents": documents}


def _translations(po_path: Path, language: str) -> dict[str, str]:
    """{msgid: msgstr} of what a build publishes: translated and not fuzzy."""
    if not po_path.is_file():
        return {}
    return {message.id: message.string for message in read_catalog(po_path, locale=language)
            if isinstance(message.id, str) and message.id and isinstance(message.string, str)
            and message.string and not message.fuzzy}


def text_of(message: dict, language: str, source_language: str) -> str:
    """A message as readers of `language` see it (the source text where untranslated)."""
    if language == source_language:
        return message["id"]
    return message.get("text", {}).get(language, message["id"])


def snapshot_json(snapshot: dict) -> str:
    """The canonical text of a snapshot: equal snapshots give equal bytes."""
    return json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def tag_message(title: str, version: str, snapshot: dict) -> str:
    """A release tag's message: a title line, then the snapshot (read back by from_tag)."""
    return f"{title} {version}\n\n{snapshot_json(snapshot)}"


def from_tag_message(message: str, tag: str) -> dict:
    """The snapshot kept in a release tag's message."""
    try:
        snapshot = json.loads(message.split("\n\n", 1)[1])
    except (IndexError, ValueError) as error:
        raise ReleaseError(f"git tag {tag}: its message holds no message snapshot ({error}); "
                           "was it made by `invoke release`?") from None
    return _checked(snapshot, f"git tag {tag}")


def from_file(path: Path) -> dict:
    try:
        snapshot = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReleaseError(f"{path}: cannot read the release's messages ({error})") from None
    return _checked(snapshot, str(path))


def _checked(snapshot: dict, where: str) -> dict:
    if not isinstance(snapshot, dict) or snapshot.get("format") != SNAPSHOT_FORMAT:
        raise ReleaseError(f"{where}: not a message snapshot of format {SNAPSHOT_FORMAT}")
    return snapshot
