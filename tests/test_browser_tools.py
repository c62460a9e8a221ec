"""The browser helpers without a browser: the local server, and the error when Chromium is missing."""

from __future__ import annotations

import urllib.request

import pytest

from build_tools.errors import BrowserError
from build_tools.site import browser
from build_tools.site.browser import chromium_path, serve


def test_serves_the_folder_on_the_loopback_address_only(tmp_path):
    (tmp_path / "page.html").write_text("<p>hei</p>", encoding="utf-8")
    with serve(tmp_path) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{base_url}page.html") as response:
            assert response.read() == b"<p>hei</p>"


def test_a_missing_chromium_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    with pytest.raises(BrowserError, match="apt-get install chromium"):
        chromium_path()

