"""A machine without a PDF dependency still gets its HTML sites, and the summary names the cause once, first."""

from __future__ import annotations

import pytest

from benchmarks.stressbook import copy_project
from tests.project_copy import invoke

# What WeasyPrint raises on a machine without Pango (its ffi module cannot dlopen it).
NO_PANGO = ("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object "
            "file: No such file or directory")


@pytest.fixture
def machine_without_pango(tmp_path):
    """A project copy whose WeasyPrint fails to import as it does without Pango: the copy's
    folder comes first on the path, so its `weasyprint` shadows the real one."""
    root = copy_project(tmp_path / "project")
    (root / "weasyprint").mkdir()
    (root / "weasyprint" / "__init__.py").write_text(f"raise OSError({NO_PANGO!r})\n",
                                                       encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["in-process", "worker-pools"])
def test_without_pango_the_site_builds_and_the_cause_comes_first(machine_without_pango, jobs):
    result = invoke(machine_without_pango, "build", "--lang", "fi", "--jobs", jobs)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("6 outputs not written (the previous file, if any, is unchanged), "
                        "because:"), result.stdout
    assert lines[1].startswith(f"  weasyprint cannot start on this machine (OSError: {NO_PANGO})"
                               "; install Pango 1.44 or newer: "), result.stdout
    assert "`invoke doctor`" in lines[1]
    assert result.stdout.count("weasyprint cannot start") == 1, result.stdout
    # The site does not need WeasyPrint: it is built, not "not built: an earlier step failed".
    assert any(line.split()[:2] == ["build/html/fi/index.html", "built"] for line in lines), \
        result.stdout
    assert (machine_without_pango / "build/html/fi/index.html").exists()
    assert "weasyprint cannot start" in result.stderr.splitlines()[-1]
