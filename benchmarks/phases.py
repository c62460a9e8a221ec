"""Where one screen PDF's time goes: CPU seconds per phase of our build and of the peer's.

Usage: PYTHONPATH=PROJECT:CHECKOUT python -m benchmarks.phases PROJECT [--peer] [--profile=FILE]
PROJECT is a stress book (benchmarks/stressbook.py); its own build_tools are measured.
Our print HTML and render jobs run in this process as `invoke pdf --lang fi --edition
employees --variant screen --jobs 1` runs them in its worker, each phase timed by wrapping
the function that does it (nested phases are subtracted from the phase around them).
CPU time, not the clock: helpers share the machine, and a loaded core stretches wall time.
With --peer, sphinx-simplepdf builds the same book (its weasyprint command timed alone after);
--profile=FILE also keeps a cProfile of our build (its overhead inflates the phase times).
"""

from __future__ import annotations

import cProfile
import functools
import importlib
import inspect
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

# (module, attribute, phase): each function's own time goes to its phase.
PHASES = (
    ("build_tools.engine.jobs", "PrintHtmlJob.run", "sphinx print HTML"),
    ("build_tools.pdf.hyphenation", "words_of", "ours: hyphenation"),
    ("build_tools.pdf.hyphenation", "dictionary_text", "ours: hyphenation"),
    ("build_tools.pdf.render", "read_sources", "ours: tagging sources"),
    ("build_tools.pdf.render", "layout_html", "weasyprint: parse HTML"),
    ("weasyprint.document", "get_all_computed_styles", "weasyprint: style"),
    ("weasyprint.document", "build_formatting_structure", "weasyprint: boxes"),
    # layout_document is a generator: its pages are laid out as _render lists them.
    ("weasyprint.document", "Document._render", "weasyprint: layout"),
    ("weasyprint.document", "generate_pdf", "weasyprint: draw"),
    ("pydyf", "PDF.write", "weasyprint: write (pydyf)"),
    ("build_tools.pdf.render", "place_change_bars", "ours: change bars"),
    ("build_tools.pdf.tagging.repair", "repair_tagging", "ours: tag repair"),
    ("build_tools.pdf.render", "write_repaired", "ours: tag repair open/save"),
    ("build_tools.pdf.accessibility_gate", "check_pdf", "ours: accessibility gate"),
    ("build_tools.pdf.checks", "expectation", "ours: accessibility gate"),
    ("build_tools.engine.jobs", "RenderJob.run", "ours: render job, other"),
)


class Clock:
    """CPU seconds per phase, exclusive of the phases nested in it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stack: list[list[float]] = []  # [start, nested seconds]

    def wrap(self, function, phase: str):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            frame = [time.process_time(), 0.0]
            self._stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self._stack.pop()
                spent = time.process_time() - frame[0]
                self.seconds[phase] = self.seconds.get(phase, 0.0) + spent - frame[1]
                if self._stack:
                    self._stack[-1][1] += spent
        return timed


def _install(clock: Clock) -> None:
    for module_name, attribute, phase in PHASES:
        owner = importlib.import_module(module_name)
        *classes, name = attribute.split(".")
        for class_name in classes:
            owner = getattr(owner, class_name)
        original = inspect.getattr_static(owner, name)
        if isinstance(original, classmethod):
            setattr(owner, name, classmethod(clock.wrap(original.__func__, phase)))
        else:
            setattr(owner, name, clock.wrap(original, phase))


def ours(project: Path) -> tuple[dict[str, float], float]:
    """Phase CPU seconds of one clean screen PDF of the employees edition in Finnish."""
    from build_tools.config import project_config
    from build_tools.engine.build import BuildOptions, build
    from build_tools.paths import BuildPaths

    clock = Clock()
    _install(clock)
    shutil.rmtree(project / "build", ignore_errors=True)
    config = project_config()
    start = time.process_time()
    outcomes = build(config, [config.languages["fi"]], [config.editions["employees"]],
                     BuildOptions(BuildPaths(project / "build"), html=False, jobs=1,
                                  variants=[config.variants["screen"]]))
    total = time.process_time() - start
    if not all(outcome.status.ok for outcome in outcomes):
        raise SystemExit(f"the build failed: {outcomes}")
    clock.seconds["other (catalogs, set-up, imports)"] = total - sum(clock.seconds.values())
    return clock.seconds, total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peer(project: Path) -> tuple[dict[str, float], float]:
    """CPU seconds of sphinx-simplepdf's one PDF, and of its weasyprint command run alone."""
    from benchmarks.bench import _environment, simplepdf

    outdir = project / "peer"
    shutil.rmtree(outdir, ignore_errors=True)
    before = _children_cpu()
    subprocess.run(simplepdf(project, "fi", "employees", outdir), check=True,
                   env=_environment(project), cwd=project, stdout=subprocess.DEVNULL)
    total = _children_cpu() - before
    before = _children_cpu()
    subprocess.run([str(Path(sys.executable).parent / "weasyprint"), str(outdir / "index.html"),
                    str(outdir / "again.pdf")], check=True, env=_environment(project))
    render = _children_cpu() - before
    return {"sphinx (simplepdf HTML)": total - render, "weasyprint command": render}, total


def _print(title: str, seconds: dict[str, float], total: float) -> None:
    print(f"\n| {title} | CPU s | share |\n|---|---|---|")
    for phase, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"| {phase} | {spent:.2f} | {spent / total:.1%} |")
    print(f"| total | {total:.2f} | 100% |")


def main(project: Path, with_peer: bool, profile_to: str | None) -> None:
    if profile_to:
        profile = cProfile.Profile()
        mine, total = profile.runcall(ours, project)
        profile.dump_stats(profile_to)
    else:
        mine, total = ours(project)
    _print("ours: one screen PDF", mine, total)
    if with_peer:
        theirs, peer_total = peer(project)
        _print("sphinx-simplepdf: one PDF", theirs, peer_total)
        print(f"\nours / peer CPU time: {total / peer_total:.2f}x")


if __name__ == "__main__":
    arguments = sys.argv[2:]
    main(Path(sys.argv[1]).resolve(), "--peer" in arguments,
         next((a.split("=", 1)[1] for a in arguments if a.startswith("--profile=")), None))
