"""`invoke bench`: our builds against sphinx-simplepdf on the same sources, and the engine's cases.

Every measured build runs as its own process tree (benchmarks/measure.py): wall time
from the clock, peak memory as the most the whole tree (pool workers, simplepdf's
weasyprint) held at once. The targets and the table are in benchmarks/targets.py.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any, cast

from benchmarks.measure import Measurement, measure
from benchmarks.stressbook import copy_project, write_stress_project
from build_tools.config import load_config
from build_tools.paths import PROJECT_ROOT

log = logging.getLogger(__name__)
RESULTS = PROJECT_ROOT / "build" / "bench" / "results.json"
# The project's own extensions plus the peer's builder: the same sources, the peer's PDF.
PEER_EXTENSIONS = ("build_tools.sphinxext.print_builder", "build_tools.sphinxext.source_policy",
                   "sphinx_simplepdf")


def _environment(project: Path) -> dict:
    # PATH: simplepdf runs the `weasyprint` command; PYTHONPATH: the copy's build_tools.
    # Bytecode is cached as on a user's machine (a shell that sets PYTHONDONTWRITEBYTECODE
    # would make every measured run compile the project's modules again).
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
    return {**environment, "PYTHONPATH": str(project),
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


def _summary(runs: list[Measurement]) -> dict:
    return {"runs_s": [round(run.seconds, 3) for run in runs],
            "median_s": round(statistics.median(run.seconds for run in runs), 3),
            "tree_peak_mb": max(run.tree_peak_mb for run in runs),
            "process_peak_mb": max(run.process_peak_mb for run in runs),
            "processes": max(run.processes for run in runs)}


def _clean(project: Path) -> None:
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(project / "peer", ignore_errors=True)
    for mo in (project / "locale").rglob("*.mo"):
        mo.unlink()


def _our_pdf(project: Path, variants: str, *options: str) -> Measurement:
    """Our build of one edition's `variants` in the source language, from clean."""
    config = load_config(project / "handbook.toml")
    edition = next(iter(config.editions.values()))
    _clean(project)
    return measure(ours("pdf", "--lang", config.source_language, "--edition", edition.name,
                        "--variant", variants, *options), project, _environment(project))


def _pdf_pages(project: Path, variant: str) -> int:
    config = load_config(project / "handbook.toml")
    edition = next(iter(config.editions.values()))
    return _pages(project / "build" / "pdf" / config.pdf_name(
        edition, config.languages[config.source_language], variant))


def single_pdf(project: Path, repetitions: int) -> dict:
    """One screen PDF, one print PDF and the peer's one PDF of the same edition and language,
    each from clean, alternating."""
    config = load_config(project / "handbook.toml")
    edition = next(iter(config.editions.values()))
    runs: dict[str, list[Measurement]] = {"screen": [], "print": [], "simplepdf": []}
    pages: dict[str, int] = {}
    for repetition in range(repetitions):
        for variant in ("screen", "print"):
            log.info("one %s PDF, ours, run %d/%d", variant, repetition + 1, repetitions)
            runs[variant].append(_our_pdf(project, variant))
            pages[variant] = _pdf_pages(project, variant)
        _clean(project)
        log.info("one PDF, sphinx-simplepdf, run %d/%d", repetition + 1, repetitions)
        runs["simplepdf"].append(measure(
            simplepdf(project, config.source_language, edition.tag, project / "peer"),
            project, _environment(project)))
        pages["simplepdf"] = _pages(next((project / "peer").glob("*.pdf")))
    return {name: {**_summary(measured), "pages": pages[name]} for name, measured in runs.items()}


def screen_pdf(project: Path, repetitions: int) -> dict:
    """Our screen PDF alone (the long book's side of the scaling figures)."""
    runs = []
    for repetition in range(repetitions):
        log.info("one screen PDF of the long book, run %d/%d", repetition + 1, repetitions)
        runs.append(_our_pdf(project, "screen"))
    return {**_summary(runs), "pages": _pdf_pages(project, "screen")}


def parallel(project: Path, repetitions: int) -> dict:
    """The screen and print PDFs of one edition from clean, with one worker and with two."""
    one, two = [], []
    for repetition in range(repetitions):
        log.info("screen + print PDF, 1 and 2 workers, run %d/%d", repetition + 1, repetitions)
        one.append(_our_pdf(project, "screen,print", "--jobs", "1"))
        two.append(_our_pdf(project, "screen,print", "--jobs", "2"))
    result: dict[str, Any] = {"what": "screen + print PDF of one edition",
                              "one": _summary(one), "two": _summary(two)}
    result["time_ratio"] = round(result["two"]["median_s"] / result["one"]["median_s"], 3)
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
    """The real handbook's every output from clean, against the peer's sequential baseline
    (its peak memory is its largest single build's)."""
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
        builds = [measure(command, project, env) for command in _peer_matrix(project, config)]
        peer.append(Measurement(sum(build.seconds for build in builds),
                                max(build.tree_peak_mb for build in builds),
                                max(build.process_peak_mb for build in builds),
                                max(build.processes for build in builds)))
    result: dict[str, Any] = {"outputs": len(manifest["artifacts"]), "ours": _summary(mine),
                              "peer": _summary(peer)}
    result["time_ratio"] = round(result["ours"]["median_s"] / result["peer"]["median_s"], 3)
    return result


def incremental(project: Path, repetitions: int) -> dict:
    """A no-op rebuild, and a rebuild after editing one entry of a Swedish chapter's catalog."""
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
    language = "sv" if "sv" in translated else translated[0]
    catalog = sorted((project / "locale" / language / "LC_MESSAGES").glob("*.po"))[-1]
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
                         "language": language, "rebuilt": sorted(rebuilt)}
    return result


def run_benchmark(size: int = 4, repetitions: int = 3) -> dict:
    """Every measurement of the issue, in one run, saved to build/bench/results.json as it goes."""
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_before": _load()},
        "repetitions": repetitions}
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temporary_name:
        temporary = Path(temporary_name)
        book = write_stress_project(temporary / "stress-1", 1)
        results["single_pdf"] = single_pdf(book, repetitions)
        _save(results)
        results["parallel"] = parallel(book, repetitions)
        _save(results)
        shutil.rmtree(book)
        real = copy_project(temporary / "handbook")
        results["full_matrix"] = full_matrix(real, repetitions)
        _save(results)
        results["incremental"] = incremental(real, repetitions)
        _save(results)
        if size > 1:
            big = write_stress_project(temporary / f"stress-{size}", size)
            results[f"screen_pdf_{size}x"] = screen_pdf(big, repetitions)
            base = results["single_pdf"]["screen"]
            bigger = results[f"screen_pdf_{size}x"]
            results["scaling"] = {
                "size": size, "pages_ratio": round(bigger["pages"] / base["pages"], 2),
                "time_ratio": round(bigger["median_s"] / base["median_s"], 2),
                "memory_ratio": round(bigger["tree_peak_mb"] / base["tree_peak_mb"], 2)}
    results["machine"]["load_after"] = _load()
    _save(results)
    return results


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _save(results: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
