"""Every task fails the same way, as a user runs it: one worded line, exit status 1, no traceback."""

from __future__ import annotations

import os
import re

import pytest

from benchmarks.stressbook import copy_project
from build_tools.engine.lock import build_lock
from tests.project_copy import invoke, replace

# Each case starts a Python process; the whole module takes about 10 s of CPU.
pytestmark = pytest.mark.slow

# Every task that reads handbook.toml, with the arguments it needs.
TASKS_READING_THE_CONFIGURATION = [
    ("build",), ("html",), ("pdf",), ("verify-reproducible",), ("hyphenate", "kaupunki"),
    ("check",), ("check.pdf",), ("docs.previews",), ("docs.screenshots",),
    ("i18n.extract",), ("i18n.update",), ("i18n.status",), ("i18n.check",),
    ("i18n.add-language", "de"),
]


def fails_in_one_line(result, message: str) -> None:
    seen = result.stdout + result.stderr
    assert "Traceback" not in seen, seen
    assert result.returncode == 1, seen
    assert len(result.stderr.splitlines()) == 1, seen
    assert re.match(message, result.stderr), seen


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A project copy whose handbook.toml has a key no table allows."""
    root = copy_project(tmp_path_factory.mktemp("broken") / "project")
    replace(root / "handbook.toml", "[project]\n", '[project]\ncolour = "blue"\n')
    return root


@pytest.mark.parametrize("arguments", TASKS_READING_THE_CONFIGURATION, ids=" ".join)
def test_a_broken_configuration_is_one_line_naming_file_and_line(broken, arguments):
    result = invoke(broken, *arguments)
    fails_in_one_line(result, r"error: handbook\.toml:\d+: unknown key 'colour' in "
                              r"\[project\]; allowed keys: slug, title")
    assert not (broken / "build").exists(), "a task went on with a broken configuration"


def test_no_wait_while_another_build_holds_the_lock(tmp_path):
    project = copy_project(tmp_path / "project")
    with build_lock(project / "build"):
        result = invoke(project, "build", "--lang", "fi", "--no-wait")
    fails_in_one_line(result, rf"error: another build \(process {os.getpid()}\) is writing "
                              r"to .*build; try again when it has finished")
