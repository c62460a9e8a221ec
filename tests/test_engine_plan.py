"""The build's plan: which jobs render which PDFs (no build runs here)."""

from __future__ import annotations

from pathlib import Path

from build_tools.config import project_config
from build_tools.engine.jobs import RenderJob, plan_jobs
from build_tools.engine.plan import every_target
from build_tools.paths import BuildPaths


def _renders(targets, paths) -> dict[str, tuple[str, ...]]:
    return {job.name: tuple(str(target.variant) for target in job.targets)
            for job in plan_jobs(targets, paths, strict=True, draft=False)
            if isinstance(job, RenderJob)}


def test_each_page_geometry_of_an_edition_is_a_render_job_of_its_own(tmp_path: Path):
    # Screen and print pages render in two workers at once; a booklet imposed from print
    # pages of its own size shares their job (trustees, A5), one of another size does not.
    paths = BuildPaths(tmp_path)
    fi = [target for target in every_target(project_config(), paths)
          if target.language == "fi" and target.edition is not None]
    assert _renders(fi, paths) == {
        "pdf/employees-fi-screen": ("screen",), "pdf/employees-fi-print": ("print",),
        "pdf/employees-fi-booklet": ("booklet",),
        "pdf/trustees-fi-screen": ("screen",), "pdf/trustees-fi-print": ("print", "booklet")}
    # One geometry left to build keeps the edition's job name (and its staging folder).
    screen_only = [target for target in fi if target.variant == "screen"]
    assert _renders(screen_only, paths) == {"pdf/employees-fi": ("screen",),
                                            "pdf/trustees-fi": ("screen",)}
