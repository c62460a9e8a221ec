"""Shared fixtures: real builds of the handbook into a temporary build folder, once per session."""

from __future__ import annotations

import pytest

from benchmarks.stressbook import copy_project
from build_tools.config import project_config
from tests.building import build_html, build_pdfs
from tests.project_copy import SELECTION, clone, invoke

# A test that uses the session's build folder (every fixture that builds many outputs
# writes there) or the built project copy, even through another fixture, is slow.
BUILDING_FIXTURES = {"build_dir", "built_project"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def config():
    return project_config()


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session")
def source_pdfs(config, build_dir):
    """Both editions in the source language, every declared variant: {(edition, variant): path}."""
    language = config.select_languages(config.source_language)
    artifacts = build_pdfs(config, language, config.select_editions(), build_dir)
    return {(a.target.edition, a.target.variant): a.path for a in artifacts}


@pytest.fixture(scope="session")
def html_sites(config, build_dir):
    """The HTML site of every declared language: {lang: index.html path}."""
    artifacts = build_html(config, config.select_languages(), build_dir)
    return {a.target.language: a.path for a in artifacts}


@pytest.fixture(scope="session")
def built_project(tmp_path_factory):
    """A project copy with Finnish and Swedish outputs, built once with `invoke build`."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = invoke(root, "build", *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def project(built_project, tmp_path):
    """A clone of the built project copy, for one test to change."""
    return clone(built_project, tmp_path / "project")
