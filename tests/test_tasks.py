"""The Invoke tasks: thin wrappers that report errors clearly and list what they do."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys

import pytest
from invoke import Exit, MockContext

import tasks
from build_tools.commands import build as build_tasks
from build_tools.paths import PROJECT_ROOT


def test_unknown_language_is_a_clear_error():
    with pytest.raises(Exit) as error:
        build_tasks.pdf(MockContext(), lang="xx")
    assert "unknown language 'xx'" in str(error.value.message)
    assert "valid languages: fi" in str(error.value.message)


def test_unknown_edition_is_a_clear_error():
    with pytest.raises(Exit) as error:
        build_tasks.build_all(MockContext(), edition="staff")
    assert "unknown edition 'staff'; valid editions: employees, trustees" in error.value.message


def test_every_task_and_argument_is_documented():
    listing = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, check=True).stdout
    for name in ("build", "html", "pdf", "clean"):
        assert re.search(rf"^\s+{name}\s+\S", listing, re.M), listing
    collections = [tasks.ns, *tasks.ns.collections.values()]
    for name, task in [item for collection in collections for item in collection.tasks.items()]:
        assert task.__doc__ and task.__doc__.strip(), name
        # Invoke pops help texts as it turns them into arguments: read them before that.
        for argument in list(inspect.signature(task.body).parameters)[1:]:
            assert task.help.get(argument), f"{name} --{argument} has no help"


def test_hyphenate_shows_the_breaks_and_who_decided(capsys):
    build_tasks.hyphenate(MockContext(), "luottamushenkilöille")
    assert capsys.readouterr().out.strip() == \
        "luot-ta-mus-hen-ki-löil-le  (Voikko's Finnish morphology, from pyvoikko)"
    build_tasks.hyphenate(MockContext(), "Lappeenranta", lang="fi")
    assert "Lappeenranta  (hyphenation/fi-exceptions.txt)" in capsys.readouterr().out


def test_unknown_variant_is_a_clear_error():
    with pytest.raises(Exit) as error:
        build_tasks.pdf(MockContext(), variant="poster")
    assert "unknown variant 'poster'; valid variants: screen, print, booklet" in error.value.message
