"""What changed between two message snapshots, per language and chapter: added, changed
(old and new text) and removed paragraphs, headings and list items."""

from __future__ import annotations

from difflib import SequenceMatcher

from build_tools.release.snapshot import text_of

# A removed and an added message in the same place are one changed message when their
# source texts are at least this similar (difflib's ratio: 1.0 is equal). An edited
# sentence or a corrected word stays far above it; an unrelated paragraph falls below.
SIMILAR = 0.5

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


def compare(old: dict, new: dict, language: str) -> list[dict]:
    """Per chapter (current reading order, then chapters removed since), its changes as
    readers of `language` see them; chapters without changes are left out.

    Each change is {"kind", "old", "new", "in", "msgid"}: the texts in `language`
    ("" where there is none), the audiences ("site" or an edition) it appears to, and
    the current msgid of an added or changed message (to mark it in the outputs).
    """
    source = new["source_language"]
    old_documents = {document["name"]: document for document in old["documents"]}
    new_names = [document["name"] for document in new["documents"]]
    chapters = []
    for document in new["documents"] + [old_documents[name] for name in old_documents
                                        if name not in new_names]:
        name = document["name"]
        before = old_documents.get(name, {"messages": []})["messages"]
        after = document["messages"] if name in new_names else []
        changes = _document_changes(before, after, language, source)
        if changes:
            chapters.append({"document": name, "title": _title(document, language, source),
                             "changes": changes})
    return chapters


def titles(snapshot: dict, language: str) -> dict[str, str]:
    """{document: its title in `language`}: the text :doc: references show."""
    source = snapshot["source_language"]
    return {document["name"]: _title(document, language, source)
            for document in snapshot["documents"]}


def marked_messages(chapters: list[dict]) -> list[str]:
    """The current msgids of added and changed messages: they carry a change bar."""
    return sorted({change["msgid"] for chapter in chapters for change in chapter["changes"]
                   if change["kind"] != REMOVED})


def for_audience(chapters: list[dict], audience: str) -> list[dict]:
    """Only the changes that appear to `audience` ("site" or an edition's name)."""
    kept = []
    for chapter in chapters:
        changes = [change for change in chapter["changes"] if audience in change["in"]]
        if changes:
            kept.append({**chapter, "changes": changes})
    return kept


def _title(document: dict, language: str, source: str) -> str:
    for message in document["messages"]:
        if message["id"] == document["title"]:
            return text_of(message, language, source)
    return document["title"]


def _document_changes(before: list[dict], after: list[dict], language: str,
                      source: str) -> list[dict]:
    def text(message: dict) -> str:
        return text_of(message, language, source)

    def change(kind: str, old: dict | None, new: dict | None) -> dict:
        audiences = set(old["in"] if old else ()) | set(new["in"] if new else ())
        return {"kind": kind, "old": text(old) if old else "", "new": text(new) if new else "",
                "in": sorted(audiences), "msgid": new["id"] if new else ""}

    changes = []
    matcher = SequenceMatcher(None, [m["id"] for m in before], [m["id"] for m in after],
                              autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        olds, news = before[old_start:old_end], after[new_start:new_end]
        if operation == "equal":
            # The source text is the same; its translation may still have changed.
            changes += [change(CHANGED, old, new) for old, new in zip(olds, news, strict=True)
                        if text(old) != text(new)]
            continue
        pairs = _similar_pairs(olds, news)
        paired_old = {old_index for old_index, _ in pairs}
        paired_new = dict((new_index, old_index) for old_index, new_index in pairs)
        changes += [change(REMOVED, old, None) for index, old in enumerate(olds)
                    if index not in paired_old]
        for index, new in enumerate(news):
            if index in paired_new:
                changes.append(change(CHANGED, olds[paired_new[index]], new))
            else:
                changes.append(change(ADDED, None, new))
    return changes


def _similar_pairs(olds: list[dict], news: list[dict]) -> list[tuple[int, int]]:
    """(old index, new index) of messages that are one message edited, in order."""
    pairs: list[tuple[int, int]] = []
    start = 0
    for old_index, old in enumerate(olds):
        best: tuple[int, float] | None = None
        for new_index in range(start, len(news)):
            ratio = SequenceMatcher(None, old["id"], news[new_index]["id"],
                                    autojunk=False).ratio()
            if ratio >= SIMILAR and (best is None or ratio > best[1]):
                best = (new_index, ratio)
        if best is not None:
            pairs.append((old_index, best[0]))
            start = best[0] + 1
    return pairs
