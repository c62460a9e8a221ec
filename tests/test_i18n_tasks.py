"""The translators' Invoke tasks: listed, documented, and failing with a clear message."""

from __future__ import annotations

import inspect

import pytest
from invoke import Exit, MockContext

import tasks
from build_tools.commands import i18n as i18n_tasks


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
