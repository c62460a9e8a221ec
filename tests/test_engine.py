"""The build engine: which outputs a change rebuilds, and what it leaves alone."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from benchmarks.stressbook import copy_project
from tests.pdf_inspect import page_texts
from tests.project_copy import SELECTION, clone, invoke, outputs, replace

HTML_FI, HTML_SV = "html/fi", "html/sv"
PDF_FI = "pdf/viestintaohje-employees-fi-screen.pdf"
PDF_SV = "pdf/viestintaohje-employees-sv-screen.pdf"
OUTPUTS = (HTML_FI, HTML_SV, PDF_FI, PDF_SV)
# Builds that check only the outputs above build only those: the print and booklet
# variants would triple the PDF work of each rebuild and no assertion reads them.
OUTPUTS_ONLY = (*SELECTION, "--variant", "screen")


def run_build(project: Path, *arguments: str):
    return invoke(project, "build", *arguments)


def contents(project: Path) -> dict[str, str]:
    """A sha256 of each output's bytes (of a site: of every file in it, with its name)."""
    files = outputs(project)
    return {name: hashlib.sha256(repr(sorted(
        (path, digest) for path, digest in files.items()
        if path == name or path.startswith(f"{name}/"))).encode()).hexdigest()
        for name in OUTPUTS}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def built(result: subprocess.CompletedProcess) -> set[str]:
    """The outputs the build's summary reports as built (a site by its index.html)."""
    rows = dict(re.findall(r"^  build/(\S+)\s+(built|up to date|failed|not built)\b",
                           result.stdout, re.M))
    assert rows, result.stdout
    return {name for name in OUTPUTS
            if rows.get(f"{name}/index.html" if name.startswith("html/") else name) == "built"}


@pytest.fixture(scope="module")
def project(built_project, tmp_path_factory):
    """A built copy of the project that this module's tests change one after the other."""
    return clone(built_project, tmp_path_factory.mktemp("engine") / "project")


def test_second_build_skips_everything(project):
    before = contents(project)
    result = run_build(project, *SELECTION)
    assert result.returncode == 0, result.stderr
    assert built(result) == set()
    assert changed(before, contents(project)) == set()
    assert "0 of 8 outputs built, 8 up to date" in result.stdout  # 2 sites, 2 x 3 PDFs
    assert "building" not in result.stderr
    sizes = re.findall(r"^  (build/pdf/\S+)\s+up to date\s+([\d.]+) (kB|MB)", result.stdout, re.M)
    assert len(sizes) == 6, result.stdout
    for path, size, unit in sizes:  # kB as ls --si counts them, 1000 bytes
        assert float(size) == round((project / path).stat().st_size / {"kB": 1e3, "MB": 1e6}[unit], 1)


def test_each_change_rebuilds_what_depends_on_it(project):
    """A Swedish .po rebuilds Swedish; print CSS rebuilds PDFs; the Finnish hyphenation
    exceptions, the Finnish PDFs; the configuration and our own Sphinx code, all. What an
    edit shows up in changes; nothing else does."""
    po = project / "locale/sv/LC_MESSAGES/strategia.po"
    msgstr = re.search(r'^msgstr "(.+)"$', po.read_text(encoding="utf-8"), re.M)
    steps = [  # (file, text, replacement, outputs rebuilt, outputs whose bytes change)
        (po, msgstr[0], f'msgstr "{msgstr[1]} (redigerad)"', {HTML_SV, PDF_SV}, {HTML_SV, PDF_SV}),
        (project / "build_tools/pdf/print_theme/static/print.css", "--ink: #1a1a1a;",
         "--ink: #111111;", {PDF_FI, PDF_SV}, {PDF_FI, PDF_SV}),
        # A word the handbook does not use: rebuilt, the same bytes.
        (project / "hyphenation/fi-exceptions.txt", "Saimaa\n", "Saimaa\nSaimaan\n",
         {PDF_FI}, set()),
        (project / "handbook.toml", 'author = "Lappeenrannan kaupunki"',
         'author = "Lappeenrannan kaupunki, viestintä"', set(OUTPUTS), set(OUTPUTS)),
        # The print HTML's cover: every output is rebuilt, only the PDFs come out different.
        (project / "build_tools/sphinxext/print_builder.py", '"title": _(config.title),',
         '"title": _(config.title) + " (muokattu)",', set(OUTPUTS), {PDF_FI, PDF_SV}),
    ]
    for path, old, new, rebuilt, different in steps:
        before = contents(project)
        replace(path, old, new)
        result = run_build(project, *OUTPUTS_ONLY)
        assert result.returncode == 0, result.stderr
        assert built(result) == rebuilt, (path, result.stdout)
        assert changed(before, contents(project)) == different, (path, result.stdout)
    html_sv = (project / "build/html/sv/strategia.html").read_text(encoding="utf-8")
    assert "(redigerad)" in html_sv
    assert "Lappeenrannan kaupunki, viestintä" in (project / "build/html/fi/index.html").read_text(
        encoding="utf-8")
    assert "Viestintäohje (muokattu)" in " ".join(page_texts(PdfReader(project / "build" / PDF_FI)))


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
    result = run_build(project, *OUTPUTS_ONLY, "--jobs", "1", "--build-dir", str(serial))
    assert result.returncode == 0, result.stderr
    for name in (PDF_FI, PDF_SV):
        assert (serial / name).read_bytes() == (project / "build" / name).read_bytes(), name


def test_page_reference_cache_writes_the_same_bytes(tmp_path, monkeypatch):
    """weasyprint_tuning only speeds pydyf up: a tagged PDF comes out byte-identical to one
    written with pydyf's own property, whatever this process applied before."""
    import pydyf
    from weasyprint import HTML

    from build_tools.pdf import weasyprint_tuning

    original = weasyprint_tuning.ORIGINAL_PAGE_REFERENCES
    assert original.fget is not weasyprint_tuning._page_references
    assert original.fget.__module__.split(".")[0] == "pydyf"
    html = "<html lang=fi><title>T</title>" + "".join(
        f"<h2>Luku {n}</h2><p style='break-after: page'>Teksti {n}</p>" for n in range(12))
    written = []
    for tuned in (False, True):
        monkeypatch.setattr(pydyf.PDF, "page_references", original)
        if tuned:
            weasyprint_tuning.apply()
            assert pydyf.PDF.page_references.fget is weasyprint_tuning._page_references
        path = tmp_path / f"{tuned}.pdf"
        HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1", pdf_tags=True)
        written.append(path.read_bytes())
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


@pytest.mark.slow
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
