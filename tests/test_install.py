"""The code installed without -e works in a checkout (found from the working folder), and
elsewhere stops with a message saying to use the checkout."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from benchmarks.stressbook import copy_project
from build_tools.paths import PROJECT_ROOT, find_project_root


def make_checkout(folder: Path) -> Path:
    (folder / "source").mkdir(parents=True)
    (folder / "handbook.toml").write_text("", encoding="utf-8")
    return folder


def test_the_checkout_is_found_around_the_package_or_from_the_working_folder(tmp_path):
    checkout = make_checkout(tmp_path / "checkout")
    site_packages = tmp_path / "venv/lib/site-packages/build_tools"
    site_packages.mkdir(parents=True)
    # Installed without -e: the working folder, or a folder above it, is the checkout.
    assert find_project_root(site_packages, checkout / "source" / "_static") == checkout
    assert find_project_root(site_packages, tmp_path) is None
    # A checkout (or an editable install) is found from the package, wherever one works.
    (checkout / "build_tools").mkdir()
    assert find_project_root(checkout / "build_tools", tmp_path) == checkout
    # A folder with handbook.toml but no sources is not a checkout.
    (tmp_path / "handbook.toml").write_text("", encoding="utf-8")
    assert find_project_root(site_packages, tmp_path) is None


def can_build_here() -> bool:
    """Whether this environment builds a wheel itself (else pip fetches setuptools)."""
    try:
        setuptools = tuple(int(part) for part in metadata.version("setuptools").split(".")[:2])
    except metadata.PackageNotFoundError:
        return False
    return setuptools >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package installed from a copy of the project with `pip install` (not -e) into its
    own folder; returns (that folder, the project copy)."""
    root = tmp_path_factory.mktemp("install")
    project = copy_project(root / "checkout")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT_ROOT / name, project / name)
    target = root / "site-packages"
    isolation = ["--no-build-isolation"] if can_build_here() else []
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                             *isolation, "--target", str(target), str(project)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    shutil.rmtree(project / "build", ignore_errors=True)  # setuptools' own build folder
    return target, project


def run_installed(target: Path, cwd: Path, code: str) -> subprocess.CompletedProcess:
    """Python with only the installed copy importable (-P: the working folder is not on
    sys.path, as for any script of the virtual environment)."""
    return subprocess.run([sys.executable, "-P", "-c", code], cwd=cwd, capture_output=True,
                          text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(target)})


def test_installed_code_builds_the_checkout_it_runs_in(installed):
    target, project = installed
    code = ("from pathlib import Path\n"
            "from build_tools.paths import CODE_DIR, PRINT_THEME_DIR, PROJECT_ROOT, BuildPaths\n"
            "from build_tools.config import project_config\n"
            "from build_tools.engine.build import BuildOptions, build_or_raise\n"
            "config = project_config()\n"
            "build_or_raise(config, config.select_languages('fi'), [], BuildOptions(\n"
            "    paths=BuildPaths(PROJECT_ROOT / 'build'), pdf=False, jobs=1))\n"
            "print(CODE_DIR, PROJECT_ROOT, PRINT_THEME_DIR.is_dir(), sep='\\n')\n")
    result = run_installed(target, project / "source", code)
    assert result.returncode == 0, result.stderr
    code_dir, project_root, theme = result.stdout.split()
    assert Path(code_dir) == target / "build_tools" and theme == "True"
    assert Path(project_root) == project
    assert (project / "build/html/fi/index.html").exists()


def test_installed_code_outside_a_checkout_says_to_use_the_checkout(installed, tmp_path):
    target, _ = installed
    result = run_installed(target, tmp_path, "from build_tools.config import project_config\n"
                                             "project_config()\n")
    assert result.returncode == 1
    assert f"no handbook.toml here ({tmp_path.resolve()}) or in a folder above" in result.stderr
    assert "run the tasks in the project's checkout, where `pip install -e .` installs them" \
        in result.stderr
