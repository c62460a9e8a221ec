"""A long render reports its pages as WeasyPrint lays them out, through the worker pool."""

from __future__ import annotations

import json
import logging
import re
import time

import pikepdf

from benchmarks.stressbook import write_stress_project
from build_tools.pdf import progress
from build_tools.pdf.tagging.sources import read_sources
from build_tools.pdf.tagging.structure import role, walk
from tests.project_copy import invoke

WEASYPRINT = logging.getLogger("weasyprint.progress")


def test_line_counts_pages_and_estimates_what_is_left():
    reporter = progress.RenderProgress("pdf/employees-fi")
    reporter.expect("screen", 245)
    reporter.emit(WEASYPRINT.makeRecord("weasyprint.progress", logging.INFO, "", 0,
                                        "Step 3 - Applying CSS", (), None))
    assert "(screen): applying css" in reporter.line()
    for page in range(1, 121):
        reporter.emit(WEASYPRINT.makeRecord("weasyprint.progress", logging.INFO, "", 0,
                                            "Step 5 - Creating layout - Page %d", (page,), None))
    line = reporter.line()
    assert re.search(r"\(screen\): laying out, page 120 of ~245 \(~\d+ s of layout left\), "
                     r"[\d.]+ pages/s", line), line


def test_repagination_is_named_and_makes_no_estimate():
    reporter = progress.RenderProgress("pdf/employees-fi")
    reporter.expect("screen", None)
    for message, args in (("Step 5 - Creating layout - Page %d", (40,)),
                          ("Step 5 - Creating layout - Repagination #%d", (1,)),
                          ("Step 5 - Creating layout - Page %d", (3,))):
        reporter.emit(WEASYPRINT.makeRecord("weasyprint.progress", logging.INFO, "", 0,
                                            message, args, None))
    line = reporter.line()
    assert "laying out again (pass 2: page numbers moved), page 3 of 40" in line, line
    assert "left" not in line


def test_a_flood_of_weasyprint_records_gives_one_line_per_interval(caplog):
    """WeasyPrint logs every page; relaying each would flood the terminal."""
    caplog.set_level(logging.INFO, logger=progress.log.name)
    started = time.perf_counter()
    with progress.reporting("pdf/flood", interval=0.2):
        for page in range(1, 20001):
            WEASYPRINT.info("Step 5 - Creating layout - Page %d", page)
        time.sleep(0.5)
    elapsed = time.perf_counter() - started
    lines = [r for r in caplog.records if r.name == progress.log.name]
    assert 1 <= len(lines) <= elapsed / 0.2 + 1, [r.getMessage() for r in lines]
    assert not [r for r in caplog.records if r.name == "weasyprint.progress"]


def test_a_stress_book_render_reports_pages_from_its_worker(tmp_path, monkeypatch):
    project = write_stress_project(tmp_path / "stress", chapters=20)
    arguments = ("pdf", "--lang", "fi", "--edition", "employees", "--variant", "screen",
                 "--jobs", "2")
    monkeypatch.setenv(progress.INTERVAL_VARIABLE, "0.5")
    first = invoke(project, *arguments)
    assert first.returncode == 0, first.stderr
    assert re.search(r"^  pdf/employees-fi \(screen\): laying out, page \d+, [\d.]+ pages/s",
                     first.stderr, re.M), first.stderr
    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    pages = manifest["artifacts"][0]["pages"]
    # Its contents span pages: WeasyPrint tags each page's part as a list; the repair
    # makes them one TOC with an entry for every link of the contents page.
    contents = read_sources(project / "build/print-html/employees-fi/index.html").contents
    with pikepdf.open(project / "build" / manifest["artifacts"][0]["path"]) as pdf:
        roles = [role(element) for element, _ in walk(pdf.Root.StructTreeRoot)]
    assert pages > 40 and len(contents) > 100
    assert roles.count("/TOC") == 1 and roles.count("/TOCI") == len(contents)
    # A second render knows the size from the first one and says what is left.
    (project / "build" / manifest["artifacts"][0]["path"]).unlink()
    second = invoke(project, *arguments)
    assert second.returncode == 0, second.stderr
    assert re.search(rf"laying out, page \d+ of ~{pages} \(~\d+ s of layout left\)",
                     second.stderr), second.stderr
