"""The Invoke tasks: thin wrappers that report errors clearly and list what they do."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from invoke import Exit, MockContext

import tasks
from build_tools.config import PROJECT_ROOT


def test_unknown_language_is_a_clear_error():
    with pytest.raises(Exit) as error:
        tasks.pdf(MockContext(), lang="xx")
    assert "unknown language 'xx'" in str(error.value.message)
    assert "valid languages: fi" in str(error.value.message)


def test_unknown_edition_is_a_clear_error():
    with pytest.raises(Exit) as error:
        tasks.build(MockContext(), edition="staff")
    assert "unknown edition 'staff'; valid editions: employees, trustees" in error.value.message


def test_every_task_and_argument_is_documented():
    listing = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, check=True).stdout
    for name in ("build", "html", "pdf", "clean"):
        assert re.search(rf"^\s+{name}\s+\S", listing, re.M), listing
    for name, task in tasks.ns.tasks.items():
        for argument in task.get_arguments():
            assert argument.help, f"{name} --{argument.name} has no help"


def test_hyphenate_shows_the_breaks_and_who_decided(capsys):
    tasks.hyphenate(MockContext(), "luottamushenkilöille")
    assert capsys.readouterr().out.strip() == "luot-ta-mus-hen-ki-löil-le  (Voikko)"
    tasks.hyphenate(MockContext(), "Lappeenranta", lang="fi")
    assert "Lappeenranta  (hyphenation/fi-exceptions.txt)" in capsys.readouterr().out


def test_unknown_variant_is_a_clear_error():
    with pytest.raises(Exit) as error:
        tasks.pdf(MockContext(), variant="poster")
    assert "unknown variant 'poster'; valid variants: screen, print, booklet" in error.value.message
