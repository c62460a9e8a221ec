"""The build engine: which outputs a change rebuilds, and what it leaves alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.stressbook import copy_project
from tests.project_copy import invoke

# Two languages and one edition: enough to see what depends on what, quick to build.
SELECTION = ("--lang", "fi,sv", "--edition", "employees")
HTML_FI, HTML_SV = "html/fi", "html/sv"
PDF_FI = "pdf/viestintaohje-employees-fi-screen.pdf"
PDF_SV = "pdf/viestintaohje-employees-sv-screen.pdf"
OUTPUTS = (HTML_FI, HTML_SV, PDF_FI, PDF_SV)


def run_build(project: Path, *arguments: str):
    return invoke(project, "build", *arguments)


def identities(project: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of each output: a rebuilt output is a new file renamed into place."""
    build = project / "build"
    found = {}
    for name in OUTPUTS:
        path = build / name / "index.html" if name.startswith("html/") else build / name
        info = (build / name).stat()
        found[name] = (info.st_ino, path.stat().st_mtime_ns)
    return found


def rebuilt(before: dict, after: dict) -> set[str]:
    return {name for name in before if before[name] != after[name]}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project, built once."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = run_build(root, *SELECTION)
    assert result.returncode == 0, result.stderr
    return root


def test_second_build_skips_everything(project):
    before = identities(project)
    result = run_build(project, *SELECTION)
    assert result.returncode == 0, result.stderr
    assert rebuilt(before, identities(project)) == set()
    assert "0 of 8 outputs built, 8 up to date" in result.stdout  # 2 sites, 2 x 3 PDFs
    assert "building" not in result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_change_rebuilds_what_depends_on_it(project):
    """A Swedish .po rebuilds Swedish; print CSS rebuilds PDFs; the Finnish hyphenation
    exceptions, the Finnish PDFs; the configuration, all."""
    steps = [
        (project / "locale/sv/LC_MESSAGES/strategia.po", {HTML_SV, PDF_SV}),
        (project / "build_tools/pdf/print_theme/static/print.css", {PDF_FI, PDF_SV}),
        (project / "hyphenation/fi-exceptions.txt", {PDF_FI}),
        (project / "handbook.toml", set(OUTPUTS)),
    ]
    for path, expected in steps:
        before = identities(project)
        if path.suffix == ".po":
            text = path.read_text(encoding="utf-8")
            msgstr = re.search(r'^msgstr "(.+)"$', text, re.M)
            edit(path, msgstr[0], f'msgstr "{msgstr[1]} (redigerad)"')
        elif path.suffix == ".css":
            edit(path, "color: #1a1a1a;", "color: #111111;")
        elif path.suffix == ".txt":
            edit(path, "Saimaa\n", "Saimaa\nSaimaan\n")
        else:
            edit(path, 'name = "svenska"', 'name = "Svenska"')
        result = run_build(project, *SELECTION)
        assert result.returncode == 0, result.stderr
        assert rebuilt(before, identities(project)) == expected, (path, result.stderr)
    html_sv = (project / "build/html/sv/strategia.html").read_text(encoding="utf-8")
    assert "(redigerad)" in html_sv


def test_manifest_lists_every_output(project):
    manifest = json.loads((project / "build/manifest.json").read_text(encoding="utf-8"))
    entries = {entry["path"]: entry for entry in manifest["artifacts"]}
    assert set(OUTPUTS) <= set(entries)
    assert all((project / "build" / name).exists() for name in entries)
    pdf = entries[PDF_SV]
    assert (pdf["language"], pdf["edition"], pdf["variant"]) == ("sv", "employees", "screen")
    assert pdf["pages"] >= 5
    assert pdf["size"] == (project / "build" / PDF_SV).stat().st_size
    assert entries[HTML_FI]["files"] > 5 and entries[HTML_FI]["kind"] == "html"
    assert re.fullmatch(r"[0-9a-f]{40}|unknown", manifest["source_commit"])


def test_parallel_and_serial_builds_write_the_same_bytes(project, tmp_path):
    """One worker in this process or a pool of two: the engine's result does not depend on it."""
    serial = tmp_path / "serial"
    result = run_build(project, *SELECTION, "--jobs", "1", "--build-dir", str(serial))
    assert result.returncode == 0, result.stderr
    for name in (PDF_FI, PDF_SV):
        assert (serial / name).read_bytes() == (project / "build" / name).read_bytes(), name


def test_page_reference_cache_writes_the_same_bytes(tmp_path, monkeypatch):
    """weasyprint_tuning only speeds pydyf up: a tagged PDF comes out byte-identical."""
    import pydyf
    from weasyprint import HTML

    from build_tools.pdf import weasyprint_tuning

    html = "<html lang=fi><title>T</title>" + "".join(
        f"<h2>Luku {n}</h2><p style='break-after: page'>Teksti {n}</p>" for n in range(12))
    monkeypatch.setattr(pydyf.PDF, "page_references", pydyf.PDF.page_references)
    written = []
    for tuned in (False, True):
        if tuned:
            weasyprint_tuning.apply()
        path = tmp_path / f"{tuned}.pdf"
        HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1", pdf_tags=True)
        written.append(path.read_bytes())
    assert pydyf.PDF.page_references.fget is weasyprint_tuning._page_references
    assert written[0] == written[1]


def test_outputs_do_not_depend_on_what_the_process_built_before(project, tmp_path):
    """Swedish built alone, or after Finnish in the same process, comes out the same."""
    from build_tools.engine.reproducibility import compare_trees

    alone, after = tmp_path / "alone", tmp_path / "after"
    for build_dir, languages in ((alone, "sv"), (after, "fi,sv")):
        result = run_build(project, "--lang", languages, "--edition", "employees",
                           "--jobs", "1", "--build-dir", str(build_dir))
        assert result.returncode == 0, result.stderr
    differing = compare_trees(alone, after)
    assert [name for name in differing if "sv" in name.split("/")[1]] == []
    assert any(name.startswith("html/fi/") for name in differing)


def test_variant_selection_narrows_the_pdfs_only(tmp_path):
    from build_tools.config import project_config
    from build_tools.engine.plan import declared_targets
    from build_tools.paths import BuildPaths

    config = project_config()
    targets = declared_targets(config, config.select_languages("fi"), config.select_editions(),
                               BuildPaths(tmp_path), variants=config.select_variants("booklet"))
    assert [(t.kind, t.edition, t.variant) for t in targets] == [
        ("html", None, None), ("pdf", "employees", "booklet"), ("pdf", "trustees", "booklet")]


def test_a_removed_chapter_leaves_the_site(tmp_path):
    """Sphinx keeps the page of a deleted document; the engine must not publish it."""
    root = copy_project(tmp_path / "project")
    assert invoke(root, "html", "--lang", "fi").returncode == 0
    assert (root / "build/html/fi/kohderyhma.html").exists()
    (root / "source/kohderyhma.rst").unlink()
    index = root / "source/index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace("   kohderyhma\n", ""),
                     encoding="utf-8")
    # The foreword still links the chapter: a warning, allowed here.
    result = invoke(root, "html", "--lang", "fi", "--no-strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / "build/html/fi/kohderyhma.html").exists()
    assert (root / "build/html/fi/strategia.html").exists()
