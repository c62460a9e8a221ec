"""The benchmark's own promises: every target of issue 16 is a row, and memory counts the
whole process tree. No timing is asserted here; the targets live in the benchmark."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.measure import measure
from benchmarks.targets import rows, table


def _results(screen_s: float = 4.0, noop_s: float = 0.2, rebuilt: tuple[str, ...] = (
        "html/sv", "pdf/employees-sv-screen")) -> dict:
    run = {"median_s": screen_s, "tree_peak_mb": 200, "process_peak_mb": 150, "pages": 250}
    return {
        "machine": {"cpus": 2, "python": "3.11", "load_before": "0", "load_after": "0"},
        "repetitions": 1,
        "single_pdf": {"screen": run, "print": {**run, "median_s": 5.0},
                       "simplepdf": {**run, "median_s": 10.0, "tree_peak_mb": 300}},
        "screen_pdf_4x": {**run, "median_s": 17.0, "tree_peak_mb": 390, "pages": 1000},
        "scaling": {"size": 4, "pages_ratio": 4.0, "time_ratio": 4.25, "memory_ratio": 1.95},
        "full_matrix": {"outputs": 21, "ours": {"median_s": 3.0}, "peer": {"median_s": 12.0},
                        "time_ratio": 0.25},
        "incremental": {"noop": {"median_s": noop_s},
                        "po_edit": {"median_s": 2.0, "catalog": "locale/sv/x.po",
                                    "language": "sv", "rebuilt": list(rebuilt)}},
        "parallel": {"what": "screen + print", "one": {"median_s": 10.0},
                     "two": {"median_s": 7.0}, "time_ratio": 0.7}}


def test_every_target_is_a_row_with_its_verdict():
    verdicts = [(row.measurement, row.ratio, row.met) for row in rows(_results())]
    assert verdicts == [
        ("screen PDF, 250 pages, time", "0.40x", "met"),                 # <= 0.5x
        ("screen PDF, peak memory (process tree)", "0.67x", "met"),      # <= 0.8x
        ("print PDF, 250 pages, time", "0.50x", "met"),                  # <= 0.6x
        ("4.0x the pages (1000 vs 250), time", "4.25x", "MISSED"),       # <= 4.1x
        ("4.0x the pages, peak memory (process tree)", "1.95x", "met"),  # <= 2x
        ("full matrix from clean (21 outputs), time", "0.25x", "met"),   # <= 0.3x
        ("no-op rebuild, time", "", "met"),                              # <= 0.3 s
        ("one entry of locale/sv/x.po edited", "", "met"),               # sv outputs only
        ("screen + print: 2 workers vs 1", "0.70x", "met")]


def test_a_po_edit_that_rebuilds_another_language_misses():
    rebuilt = ("html/sv", "pdf/employees-fi-screen")
    row = next(row for row in rows(_results(rebuilt=rebuilt)) if ".po" in row.measurement)
    assert row.met == "MISSED"
    slow = next(row for row in rows(_results(noop_s=0.4)) if "no-op" in row.measurement)
    assert slow.met == "MISSED"


def test_the_table_states_the_load():
    assert "load average 0 before, 0 after" in table(_results())


def test_peak_memory_adds_up_the_process_tree(tmp_path: Path):
    # The parent holds 100 MB while its child holds 200 MB: the tree held 300 MB at once,
    # the largest single process 200 MB.
    child = "import time; held = bytearray(200 * 2**20); time.sleep(0.5)"
    parent = ("import subprocess, sys; held = bytearray(100 * 2**20); "
              f"subprocess.run([sys.executable, '-c', {child!r}], check=True)")
    measured = measure([sys.executable, "-c", parent], tmp_path)
    assert measured.processes == 2
    assert 200 <= measured.process_peak_mb < 260
    assert measured.tree_peak_mb >= 300
