"""What grows faster than the pages: profile one PDF render of two stress books in one run.

Usage: python -m benchmarks.profile_scaling SMALL_PROJECT LARGE_PROJECT [VARIANT]
Each project is a stress book (benchmarks/stressbook.py) whose print HTML is built
(`invoke pdf --lang fi --edition employees --variant screen`). The small book is
rendered once unprofiled first, so imports, fonts and dictionaries load before the
measured runs. Shares are of each run's own total, so they compare on a loaded machine.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

from build_tools.config import load_config
from build_tools.pdf import weasyprint_tuning
from build_tools.pdf.render import render_edition

# Groups of exclusive time, by the first matching part of a function's file path.
GROUPS = (("build_tools/pdf/tagging", "ours: tagging repair"),
          ("build_tools/pdf/finnish", "ours: Finnish hyphenation"),
          ("build_tools/pdf/hyphenation", "ours: hyphenation dictionary"),
          ("build_tools", "ours: other"),
          ("weasyprint/layout", "weasyprint layout"), ("weasyprint/text", "weasyprint text"),
          ("weasyprint/css", "weasyprint css"), ("weasyprint/formatting_structure",
                                                 "weasyprint boxes"),
          ("weasyprint/pdf", "weasyprint pdf"), ("weasyprint/draw", "weasyprint draw"),
          ("weasyprint", "weasyprint other"), ("pydyf", "pydyf"), ("fontTools", "fontTools"),
          ("pyphen", "pyphen"), ("pikepdf", "pikepdf"), ("kfst", "pyvoikko/kfst"),
          ("pyvoikko", "pyvoikko/kfst"), ("tinyhtml5", "html parsing"),
          ("cssselect2", "css selectors"), ("tinycss2", "css parsing"))


def _render(project: Path, variant: str, profile: cProfile.Profile | None) -> int:
    config = load_config(project / "handbook.toml")
    edition = config.editions["employees"]
    html = project / "build" / "print-html" / "employees-fi" / "index.html"
    with tempfile.TemporaryDirectory() as out:
        if profile:
            profile.enable()
        rendered = render_edition(config, edition, "fi", html, Path(out), only={variant})
        if profile:
            profile.disable()
    return rendered[0].pages


def _group(filename: str) -> str:
    for part, name in GROUPS:
        if part in filename:
            return name
    return "other (C calls, stdlib)"


def shares(profile: cProfile.Profile) -> tuple[dict[str, float], dict[str, float], float]:
    """Exclusive time per group and per function, as shares of the run's total."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values())
    groups: dict[str, float] = {}
    functions: dict[str, float] = {}
    for (filename, line, name), entry in stats.items():
        groups[_group(filename)] = groups.get(_group(filename), 0.0) + entry[2] / total
        short = "/".join(Path(filename).parts[-2:])
        functions[f"{short}:{line} {name}"] = entry[2] / total
    return groups, functions, total


def main(small: Path, large: Path, variant: str = "screen") -> None:
    weasyprint_tuning.apply()
    _render(small, variant, None)
    runs = []
    for project in (small, large):
        profile = cProfile.Profile()
        pages = _render(project, variant, profile)
        runs.append((pages, *shares(profile)))
    (pages_a, groups_a, functions_a, total_a), (pages_b, groups_b, functions_b, total_b) = runs
    growth = total_b / total_a / (pages_b / pages_a)
    print(f"pages {pages_a} -> {pages_b} ({pages_b / pages_a:.2f}x); profiled time "
          f"{total_b / total_a:.2f}x; time per page {growth:.2f}x")
    print("\n| group | share small | share large | growth vs pages |\n|---|---|---|---|")
    for name in sorted(groups_b, key=groups_b.__getitem__, reverse=True):
        before, after = groups_a.get(name, 0.0), groups_b[name]
        ratio = after / before * growth if before else float("inf")
        print(f"| {name} | {before:.1%} | {after:.1%} | {ratio:.2f}x |")
    print("\n| function (exclusive time) | share small | share large | growth vs pages |"
          "\n|---|---|---|---|")
    for name in sorted(functions_b, key=functions_b.__getitem__, reverse=True)[:25]:
        before, after = functions_a.get(name, 0.0), functions_b[name]
        ratio = after / before * growth if before else float("inf")
        print(f"| {name} | {before:.2%} | {after:.2%} | {ratio:.2f}x |")


if __name__ == "__main__":
    # Two paths, then an optional variant.
    main(*(Path(argument) for argument in sys.argv[1:3]), *sys.argv[3:4])  # type: ignore[arg-type]
