"""The browser helpers without a browser: the local server, the error when Chromium is missing,
and the browser tests skipping (or failing in CI) on a machine without one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request

import pytest

from build_tools import doctor
from build_tools.errors import BrowserError
from build_tools.paths import PROJECT_ROOT
from build_tools.site import browser
from build_tools.site.browser import chromium_path, serve


def test_serves_the_folder_on_the_loopback_address_only(tmp_path):
    (tmp_path / "page.html").write_text("<p>hei</p>", encoding="utf-8")
    with serve(tmp_path) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{base_url}page.html") as response:
            assert response.read() == b"<p>hei</p>"


def test_a_missing_chromium_says_how_to_install_it(monkeypatch):
    monkeypatch.delenv("HANDBOOK_CHROMIUM", raising=False)
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    monkeypatch.setattr(doctor, "CHROMIUM_PATHS", ())
    monkeypatch.setattr(browser, "current_platform", lambda: "debian")
    with pytest.raises(BrowserError, match=r"apt-get install chromium .*, or set HANDBOOK_CHROMIUM"):
        chromium_path()


def test_handbook_chromium_names_the_browser(monkeypatch, tmp_path):
    chrome = tmp_path / "chrome"
    chrome.write_text("", encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_CHROMIUM", str(chrome))
    assert chromium_path() == str(chrome)
    monkeypatch.setenv("HANDBOOK_CHROMIUM", str(tmp_path / "nowhere"))
    assert browser.missing_browser().startswith("Chromium is not installed")



def run_browser_tests(ci: bool) -> subprocess.CompletedProcess:
    """The browser tests as the README runs them, on a machine where no Chromium is found."""
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment.update(HANDBOOK_CHROMIUM=str(PROJECT_ROOT / "no-such-chromium"),
                       PYTHONPATH=str(PROJECT_ROOT), **({"CI": "true"} if ci else {}))
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                           "tests/browser"], cwd=PROJECT_ROOT, env=environment,
                          capture_output=True, text=True, timeout=600)


def test_without_a_browser_the_browser_tests_skip_in_one_line():
    result = run_browser_tests(ci=False)
    assert result.returncode == 0, result.stdout[-3000:]
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, skipped
    assert "browser tests skipped: Chromium is not installed" in skipped[0]
    assert "HANDBOOK_CHROMIUM" in skipped[0]
    assert re.search(r"\b(\d+) skipped\b", result.stdout) and " passed" not in result.stdout


def test_in_ci_a_skipped_browser_test_fails():
    result = run_browser_tests(ci=True)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "CI=true, and a browser test was skipped" in result.stdout
