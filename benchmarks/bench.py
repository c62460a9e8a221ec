"""`invoke bench`: our builds against sphinx-simplepdf on the same sources, and the engine's cases.

Every measured build runs as its own process tree; wall time comes from the clock and
peak memory from the kernel (`os.wait4`: the largest resident set of the process and
of every child it waited for, e.g. a pool worker or simplepdf's weasyprint).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, cast

from benchmarks.stressbook import copy_project, write_stress_project
from build_tools.config import load_config
from build_tools.paths import PROJECT_ROOT

log = logging.getLogger(__name__)
RESULTS = PROJECT_ROOT / "build" / "bench" / "results.json"
# The project's own extensions plus the peer's builder: the same sources, the peer's PDF.
PEER_EXTENSIONS = ("build_tools.sphinxext.print_builder", "build_tools.sphinxext.source_policy",
                   "sphinx_simplepdf")
TARGETS = {"single_pdf_time_ratio": 0.75, "matrix_time_ratio": 0.4, "noop_seconds": 1.0,
           "scaling_ratio": 4.5}


# Linux keeps a process's peak RSS across exec, so a child forked from this (large)
# process would report at least our size. This small launcher forks the measured
# command from a fresh interpreter and reports the command's own peak.
_LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump({"status": os.waitstatus_to_exitcode(status), "peak_kb": usage.ru_maxrss,
               "seconds": time.perf_counter() - started}, report)
"""


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Run a command to completion; return (wall seconds, peak memory in MB).

    The peak is the largest resident set of the command or of any child it waited
    for (a pool worker, simplepdf's weasyprint).
    """
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        result = subprocess.run([sys.executable, "-c", _LAUNCHER, report.name, *command],
                                cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        measured = json.loads(Path(report.name).read_text() or "{}")
    if result.returncode != 0 or measured.get("status") != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n"
                           f"{result.stderr.decode()[-3000:]}")
    return measured["seconds"], measured["peak_kb"] // 1024


def _environment(project: Path) -> dict:
    # PATH: simplepdf runs the `weasyprint` command; PYTHONPATH: the copy's build_tools.
    return {**os.environ, "PYTHONPATH": str(project),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def ours(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "invoke", *arguments]


def simplepdf(project: Path, language: str, tag: str, outdir: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-q", "-b", "simplepdf", "-t", tag,
            "-D", f"language={language}",
            "-D", "extensions=" + ",".join(PEER_EXTENSIONS),
            # source/_templates/ adapts furo; the peer's theme has blocks of the same names.
            "-D", "templates_path=",
            str(project / "source"), str(outdir)]


def sphinx_html(project: Path, language: str, outdir: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"language={language}",
            str(project / "source"), str(outdir)]


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(pdf).pages)


def _summary(runs: list[tuple[float, int]]) -> dict:
    return {"runs_s": [round(t, 3) for t, _ in runs],
            "median_s": round(statistics.median(t for t, _ in runs), 3),
            "peak_mb": max(m for _, m in runs)}


def _clean(project: Path) -> None:
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(project / "peer", ignore_errors=True)
    for mo in (project / "locale").rglob("*.mo"):
        mo.unlink()


def single_pdf(project: Path, repetitions: int, with_peer: bool = True) -> dict:
    """One PDF (source language, first edition) from clean, alternating ours and the peer."""
    config = load_config(project / "handbook.toml")
    edition = next(iter(config.editions.values()))
    language = config.source_language
    env = _environment(project)
    mine, peer = [], []
    for repetition in range(repetitions):
        _clean(project)
        log.info("single PDF, ours, run %d/%d", repetition + 1, repetitions)
        mine.append(measure(ours("pdf", "--lang", language, "--edition", edition.name,
                            "--variant", edition.variants[0]), project, env))
        pages = _pages(project / "build" / "pdf" / config.pdf_name(
            edition, config.languages[language], edition.variants[0]))
        if with_peer:
            _clean(project)
            log.info("single PDF, sphinx-simplepdf, run %d/%d", repetition + 1, repetitions)
            peer.append(measure(simplepdf(project, language, edition.tag, project / "peer"),
                                project, env))
    result = {"ours": {**_summary(mine), "pages": pages}}
    result["ours"]["pages_per_s"] = round(pages / result["ours"]["median_s"], 1)
    if with_peer:
        peer_pdf = next((project / "peer").glob("*.pdf"))
        result["simplepdf"] = {**_summary(peer), "pages": _pages(peer_pdf)}
        result["simplepdf"]["pages_per_s"] = round(
            result["simplepdf"]["pages"] / result["simplepdf"]["median_s"], 1)
        result["time_ratio"] = round(result["ours"]["median_s"]
                                     / result["simplepdf"]["median_s"], 3)
        result["memory_ratio"] = round(result["ours"]["peak_mb"]
                                       / result["simplepdf"]["peak_mb"], 3)
    return result


def _peer_matrix(project: Path, config) -> list[list[str]]:
    """The peer baseline: a simplepdf build per language and edition, an HTML build per language."""
    commands = [simplepdf(project, language, edition.tag,
                          project / "peer" / f"{edition.name}-{language}")
                for language in config.languages for edition in config.editions.values()]
    commands += [sphinx_html(project, language, project / "peer" / f"html-{language}")
                 for language in config.languages]
    return commands


def full_matrix(project: Path, repetitions: int) -> dict:
    """The real handbook's every output from clean, against the peer's sequential baseline."""
    config = load_config(project / "handbook.toml")
    env = _environment(project)
    mine, peer = [], []
    for repetition in range(repetitions):
        _clean(project)
        log.info("full matrix, ours, run %d/%d", repetition + 1, repetitions)
        mine.append(measure(ours("build"), project, env))
        manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
        _clean(project)
        log.info("full matrix, peer baseline, run %d/%d", repetition + 1, repetitions)
        total, peak = 0.0, 0
        for command in _peer_matrix(project, config):
            seconds, memory = measure(command, project, env)
            total, peak = total + seconds, max(peak, memory)
        peer.append((total, peak))
    result: dict[str, Any] = {"outputs": len(manifest["artifacts"]), "ours": _summary(mine),
              "peer": _summary(peer)}
    result["time_ratio"] = round(result["ours"]["median_s"] / result["peer"]["median_s"], 3)
    return result


def incremental(project: Path, repetitions: int) -> dict:
    """A no-op rebuild, and a rebuild after editing one entry of a translation."""
    config = load_config(project / "handbook.toml")
    env = _environment(project)
    _clean(project)
    measure(ours("build"), project, env)
    noop = [measure(ours("build"), project, env) for _ in range(repetitions)]
    result: dict[str, Any] = {"noop": _summary(noop)}
    translated = [code for code in config.languages if code != config.source_language]
    if not translated:
        result["po_edit"] = "no translated language is declared in handbook.toml"
        return result
    catalog = sorted((project / "locale" / translated[0] / "LC_MESSAGES").glob("*.po"))[-1]
    state_file = project / "build" / ".state.json"
    runs, rebuilt = [], set()
    for repetition in range(repetitions):
        before = json.loads(state_file.read_text(encoding="utf-8"))
        text = catalog.read_text(encoding="utf-8")
        # A translated catalog has a non-empty msgstr.
        match = cast(re.Match[str], re.search(r'^msgstr "(.+)"$', text, re.M))
        catalog.write_text(text.replace(match[0], f'msgstr "{match[1]} {repetition}"', 1),
                           encoding="utf-8")
        runs.append(measure(ours("build"), project, env))
        after = json.loads(state_file.read_text(encoding="utf-8"))
        rebuilt |= {key for key in after if after[key] != before.get(key)}
    result["po_edit"] = {**_summary(runs), "catalog": catalog.relative_to(project).as_posix(),
                         "rebuilt": sorted(rebuilt)}
    return result


def run_benchmark(size: int = 4, repetitions: int = 3) -> dict:
    """Every measurement of the issue, in one run, saved to build/bench/results.json as it goes."""
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "repetitions": repetitions}
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temporary_name:
        temporary = Path(temporary_name)
        book = write_stress_project(temporary / "stress-1", 1)
        results["single_pdf"] = single_pdf(book, repetitions)
        _save(results)
        shutil.rmtree(book)
        real = copy_project(temporary / "handbook")
        results["full_matrix"] = full_matrix(real, repetitions)
        _save(results)
        results["incremental"] = incremental(real, repetitions)
        _save(results)
        if size > 1:
            big = write_stress_project(temporary / f"stress-{size}", size)
            results[f"single_pdf_{size}x"] = single_pdf(big, repetitions, with_peer=False)
            base = results["single_pdf"]["ours"]
            bigger = results[f"single_pdf_{size}x"]["ours"]
            results["scaling"] = {"size": size,
                                  "pages_ratio": round(bigger["pages"] / base["pages"], 2),
                                  "time_ratio": round(bigger["median_s"] / base["median_s"], 2)}
            _save(results)
    return results


def _save(results: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def table(results: dict) -> str:
    """The figures as a Markdown table, with each target and whether it was met."""
    rows = [("measurement", "ours (median)", "peer (median)", "ratio", "target", "met")]
    single = results["single_pdf"]
    rows.append((f"one PDF, {single['ours']['pages']} pages (time)",
                 f"{single['ours']['median_s']:.2f} s", f"{single['simplepdf']['median_s']:.2f} s",
                 f"{single['time_ratio']:.2f}x", "<= 0.75x",
                 _met(single["time_ratio"] <= TARGETS["single_pdf_time_ratio"])))
    rows.append(("one PDF (peak memory)", f"{single['ours']['peak_mb']} MB",
                 f"{single['simplepdf']['peak_mb']} MB", f"{single['memory_ratio']:.2f}x",
                 "<= 1.0x", _met(single["memory_ratio"] <= 1.0)))
    rows.append(("one PDF (pages/s)", f"{single['ours']['pages_per_s']}",
                 f"{single['simplepdf']['pages_per_s']}", "", "", ""))
    matrix = results["full_matrix"]
    rows.append((f"full matrix, clean ({matrix['outputs']} outputs)",
                 f"{matrix['ours']['median_s']:.2f} s", f"{matrix['peer']['median_s']:.2f} s",
                 f"{matrix['time_ratio']:.2f}x", "<= 0.4x",
                 _met(matrix["time_ratio"] <= TARGETS["matrix_time_ratio"])))
    noop = results["incremental"]["noop"]
    rows.append(("no-op rebuild", f"{noop['median_s']:.2f} s", "", "", "< 1 s",
                 _met(noop["median_s"] < TARGETS["noop_seconds"])))
    po_edit = results["incremental"]["po_edit"]
    if isinstance(po_edit, dict):
        rows.append((f"one .po entry edited ({po_edit['catalog']})",
                     f"{po_edit['median_s']:.2f} s", "", "", "that language only",
                     ", ".join(po_edit["rebuilt"])))
    if "scaling" in results:
        scaling = results["scaling"]
        big = results[f"single_pdf_{scaling['size']}x"]["ours"]
        rows.append((f"{scaling['pages_ratio']}x pages ({big['pages']} pages)",
                     f"{big['median_s']:.2f} s", "", f"{scaling['time_ratio']:.2f}x time",
                     "<= 4.5x", _met(scaling["time_ratio"] <= TARGETS["scaling_ratio"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(width)
                               for cell, width in zip(row, widths, strict=True)) + " |"
             for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def _met(condition: bool) -> str:
    return "yes" if condition else "NO"
