"""The translators' Invoke tasks: listed, documented, and failing with a clear message."""

from __future__ import annotations

import inspect
import re

import pytest
from invoke import Exit, MockContext

import tasks
from benchmarks.stressbook import copy_project
from build_tools.commands import i18n as i18n_tasks
from tests.project_copy import invoke


def test_every_i18n_task_and_argument_is_documented():
    collection = tasks.ns.collections["i18n"]
    assert set(collection.tasks) == {"extract", "update", "status", "check", "add-language",
                                     "glossary"}
    for name, task in collection.tasks.items():
        assert task.__doc__ and task.__doc__.strip(), name
        # Invoke pops help texts as it turns them into arguments: read them before that.
        for argument in list(inspect.signature(task.body).parameters)[1:]:
            assert task.help.get(argument), f"i18n.{name} --{argument} has no help"


def test_check_task_passes_on_the_projects_translations(capsys):
    i18n_tasks.check(MockContext())
    assert "All translation files are fine." in capsys.readouterr().out


def test_adding_a_declared_language_is_a_clear_error():
    with pytest.raises(Exit) as error:
        i18n_tasks.add_language(MockContext(), "sv")
    assert "language 'sv' is already declared in handbook.toml" in error.value.message


def test_fail_under_must_be_a_number():
    with pytest.raises(Exit) as error:
        i18n_tasks.status(MockContext(), fail_under="most")
    assert "--fail-under takes a number" in error.value.message


@pytest.mark.slow  # two tasks in a project copy, each running Sphinx's gettext builder
def test_status_leaves_the_committed_templates_alone(tmp_path):
    """`i18n.status` measures against the sources as they are without rewriting
    locale/templates: it did, and a following `i18n.check` passed with the .po files
    never brought up to the new text."""
    project = copy_project(tmp_path / "project")
    with open(project / "source" / "strategia.rst", "a", encoding="utf-8") as file:
        file.write("\nUusi kappale lisätään tähän lukuun.\n")
    template = project / "locale" / "templates" / "strategia.pot"
    before = template.read_bytes()
    result = invoke(project, "i18n.status", "--lang", "sv")
    assert result.returncode == 0, result.stderr
    assert re.search(r"strategia\.po\s+\d+\s+0\s+1\s", result.stdout), result.stdout
    assert template.read_bytes() == before
    result = invoke(project, "i18n.check")
    assert result.returncode == 1
    assert "locale/templates/strategia.pot: out of date" in result.stdout + result.stderr
