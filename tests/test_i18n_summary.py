"""Every build's summary says, per output, how many text blocks fall back to Finnish, whatever --jobs."""

from __future__ import annotations

import json
import re

from benchmarks.stressbook import copy_project
from build_tools.i18n.catalogs import read_catalog, render_catalog
from tests.project_copy import invoke

SELECTION = ("--lang", "fi,sv", "--edition", "trustees", "--variant", "screen")


def rows(output: str) -> dict[str, str]:
    return {match[1]: match[0] for match in re.finditer(r"^  (build/\S+) .*$", output, re.M)}


def test_fallback_count_in_the_summary_of_parallel_and_up_to_date_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    po = project / "locale" / "sv" / "LC_MESSAGES" / "strategia.po"
    catalog = read_catalog(po, locale="sv")
    catalog["Visio"].string = ""
    po.write_bytes(render_catalog(catalog))

    for _ in range(2):  # built by worker processes, then up to date (facts from the state)
        result = invoke(project, "build", *SELECTION, "--jobs", "2")
        assert result.returncode == 0, result.stdout + result.stderr
        summary = rows(result.stdout)
        for path in ("build/html/sv/index.html",
                     "build/pdf/viestintaohje-trustees-sv-screen.pdf"):
            assert re.search(r"  1 of \d+ text blocks fall back to fi$", summary[path]), summary
        for path in ("build/html/fi/index.html",
                     "build/pdf/viestintaohje-trustees-fi-screen.pdf"):
            assert "fall back" not in summary[path]
    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    by_path = {artifact["path"]: artifact for artifact in manifest["artifacts"]}
    assert by_path["html/sv"]["fallback"]["messages"] == 1
    assert by_path["html/fi"]["fallback"] is None
