"""The translators' Invoke tasks: listed, documented, and failing with a clear message."""

from __future__ import annotations

import pytest
from invoke import Exit, MockContext

import tasks


def test_every_i18n_task_and_argument_is_documented():
    collection = tasks.ns.collections["i18n"]
    assert set(collection.tasks) == {"extract", "update", "status", "check", "add-language"}
    for name, task in collection.tasks.items():
        assert task.__doc__ and task.__doc__.strip(), name
        for argument in task.get_arguments():
            assert argument.help, f"i18n.{name} --{argument.name} has no help"


def test_check_task_passes_on_the_projects_translations(capsys):
    tasks.i18n_check_task(MockContext())
    assert "All translation files are fine." in capsys.readouterr().out


def test_adding_a_declared_language_is_a_clear_error():
    with pytest.raises(Exit) as error:
        tasks.i18n_add_language(MockContext(), "sv")
    assert "language 'sv' is already declared in handbook.toml" in error.value.message


def test_fail_under_must_be_a_number():
    with pytest.raises(Exit) as error:
        tasks.i18n_status_task(MockContext(), fail_under="most")
    assert "--fail-under takes a number" in error.value.message
