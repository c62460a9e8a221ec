"""`invoke doctor`: each check sees what is missing, says how to install it, and only what a
build needs fails the task."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest
from invoke import Exit, MockContext

from build_tools import doctor
from build_tools.commands.doctor import doctor as doctor_task
from build_tools.paths import PROJECT_ROOT, SOURCE_DIR

PLATFORM_NAMES = ("Debian/Ubuntu", "Fedora", "macOS (Homebrew)", "Windows")


def test_invoke_doctor_finds_everything_a_build_needs_here():
    result = subprocess.run([sys.executable, "-m", "invoke", "doctor"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("Python", "Pango", "Fonts", "Hyphenation data", "Chromium", "GNU gettext",
                 "PDF tools"):
        assert f"{name}: " in result.stdout
    assert result.stdout.rstrip().endswith("Everything a build needs is here.")


def test_an_old_or_missing_pango_is_required_and_says_how_to_install_it():
    old = doctor.check_pango((14200, True, ""))
    assert old.required and old.problem == "Pango 1.42.0 is older than 1.44"
    assert doctor.check_pango((15012, True, "")).found == "1.50.12"
    missing = doctor.check_pango((None, False, "OSError: cannot load library 'libpango-1.0-0'"))
    text = doctor.report([missing], "fedora")
    assert text.splitlines()[0].startswith("MISSING  Pango: not found: OSError: cannot load")
    assert "install, Fedora: dnf install pango" in text and "Debian" not in text
    assert text.endswith("Missing, and needed to build: Pango.")


def test_a_system_we_do_not_know_gets_every_platform_s_command():
    text = doctor.report([doctor.check_pango((None, False, "not found"))], None)
    assert all(f"install, {name}: " in text for name in PLATFORM_NAMES), text


def test_a_missing_font_and_a_git_lfs_pointer_are_found(tmp_path):
    css = tmp_path / "fonts.css"
    (tmp_path / "fonts").mkdir()
    css.write_text("@font-face { src: url(fonts/A.ttf) } @font-face { src: url(fonts/B.ttf) }"
                   "@font-face { src: url(fonts/C.ttf) }", encoding="utf-8")
    shutil.copy(SOURCE_DIR / "_static/fonts/OpenSans-Regular.ttf", tmp_path / "fonts/A.ttf")
    (tmp_path / "fonts/B.ttf").write_text("version https://git-lfs.github.com/spec/v1\n",
                                          encoding="utf-8")
    finding = doctor.check_fonts(css)
    assert finding.required
    assert finding.problem == ("fonts/B.ttf is not a font file (a Git LFS pointer?); "
                               "fonts/C.ttf is missing")
    assert doctor.check_fonts().ok


def test_missing_finnish_hyphenation_data_is_required(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(doctor.importlib.util, "find_spec",
                        lambda name: None if name == "pyvoikko" else real(name))
    finding = doctor.check_hyphenation()
    assert finding.required and "pyvoikko's Finnish dictionary" in finding.problem


@pytest.mark.parametrize("release, expected", [
    ({"ID": "ubuntu", "ID_LIKE": "debian"}, "debian"),
    ({"ID": "debian"}, "debian"),
    ({"ID": "fedora"}, "fedora"),
    ({"ID": "arch"}, None),
])
def test_the_platform_comes_from_os_release(monkeypatch, release, expected):
    monkeypatch.setattr(doctor.sys, "platform", "linux")
    monkeypatch.setattr(doctor.platform, "freedesktop_os_release", lambda: release)
    assert doctor.current_platform() == expected


def test_only_something_a_build_needs_fails_the_task(monkeypatch, capsys):
    chromium = doctor.Finding("Chromium", "browser tests", False, None, "not found",
                              doctor.INSTALL["chromium"])
    monkeypatch.setattr(doctor, "examine", lambda: [chromium])
    doctor_task(MockContext())
    assert "optional Chromium: not found" in capsys.readouterr().out
    pango = doctor.check_pango((None, False, "not found"))
    monkeypatch.setattr(doctor, "examine", lambda: [chromium, pango])
    with pytest.raises(Exit) as stopped:
        doctor_task(MockContext())
    assert stopped.value.code == 1
