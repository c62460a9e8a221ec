"""The soft proof (`invoke proof`) in a browser: its pictures load and axe finds nothing."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from build_tools.paths import BuildPaths
from build_tools.pdf.proof import write_proof
from tests.browser.test_accessibility import AXE_OPTIONS, axe_report


def test_proof_passes_axe_and_shows_every_picture(config, build_dir, source_pdfs, server, page):
    write_proof(config, BuildPaths(build_dir))
    url = f"{server}proof/index.html"
    page.goto(url)
    broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
    assert page.evaluate("document.images.length") > 20 and broken == []
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, axe_report(url, violations)
