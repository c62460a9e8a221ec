"""`--draft` marks untranslated labels too (cover, contents, PDF title); the manifest says draft."""

from __future__ import annotations

import json

from pypdf import PdfReader

from benchmarks.stressbook import copy_project
from build_tools.i18n.catalogs import read_catalog, render_catalog
from tests.pdf_inspect import page_texts
from tests.project_copy import invoke

EDITION_TITLE = "Viestintäohje luottamushenkilölle"
SELECTION = ("--lang", "sv", "--edition", "trustees", "--variant", "screen", "--jobs", "1")
PDF = "pdf/viestintaohje-trustees-sv-screen.pdf"


def untranslate(po, *msgids: str) -> None:
    catalog = read_catalog(po, locale="sv")
    for msgid in msgids:
        catalog[msgid].string = ""
    po.write_bytes(render_catalog(catalog))


def test_draft_marks_untranslated_labels_and_the_manifest_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    messages = project / "locale" / "sv" / "LC_MESSAGES"
    untranslate(messages / "handbook.po", EDITION_TITLE, "Sisällys")
    untranslate(messages / "alkusanat.po", "Alkusanat")

    result = invoke(project, "pdf", *SELECTION, "--draft")
    assert result.returncode == 0, result.stdout + result.stderr
    reader = PdfReader(project / "build" / PDF)
    assert reader.metadata.title == f"[fi] {EDITION_TITLE}"
    # The cover, the colophon on its back, the contents.
    cover, _colophon, contents = (" ".join(text.split()) for text in page_texts(reader)[:3])
    assert f"[fi] {EDITION_TITLE}" in cover
    assert "Kommunikationens grunduppgift" in cover and "[fi] Kommunikationens" not in cover
    assert "[fi] Sisällys" in contents and "[fi] Alkusanat" in contents
    assert "[fi] Kommunikationens grunduppgift" not in contents
    entry = {a["path"]: a for a in json.loads(
        (project / "build" / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}[PDF]
    assert entry["draft"] is True

    result = invoke(project, "pdf", *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    reader = PdfReader(project / "build" / PDF)
    assert reader.metadata.title == EDITION_TITLE  # still Finnish, but not marked
    assert "[fi]" not in " ".join(page_texts(reader)[:3])
    entry = {a["path"]: a for a in json.loads(
        (project / "build" / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}[PDF]
    assert entry["draft"] is False
