"""The test chapters' tables, figures, footnotes, cross-references and index in a real
browser: axe-core at WCAG 2.1 AA on every page, and the keyboard reaches every link."""

from __future__ import annotations

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from build_tools.i18n.check import prepare_catalogs
from build_tools.site.browser import serve
from build_tools.sphinxext.runner import run_sphinx
from tests.browser.site import pages
from tests.browser.test_accessibility import AXE_OPTIONS, axe_report
from tests.test_elements import LANGUAGES, ROOT


@pytest.fixture(scope="module")
def elements_sites(tmp_path_factory):
    """The test chapters' site in every language, served: (base URL, {lang: folder})."""
    root = tmp_path_factory.mktemp("elements-site") / "project"
    shutil.copytree(ROOT, root)
    sites = {}
    for language in LANGUAGES:
        prepare_catalogs(language)
        if language != "fi":
            prepare_catalogs(language, root / "locale")
        sites[language] = root / "build" / "html" / language
        run_sphinx("html", language, sites[language],
                   root / "build" / "doctrees" / f"html-{language}", source_dir=root / "source")
    with serve(root / "build" / "html") as base_url:
        yield base_url, sites


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_test_chapters_passes_axe(elements_sites, page, language):
    base_url, sites = elements_sites
    names = pages(sites[language])
    assert {"kanavat.html", "kuvat.html", "hakemisto.html"} <= set(names), names
    axe, reports = Axe(), []
    for name in names:
        url = f"{base_url}{language}/{name}"
        page.goto(url)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            reports.append(axe_report(url, violations))
    assert not reports, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(reports)


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_reaches_the_footnotes_and_the_cross_references(elements_sites, page, language):
    """Every link in the chapter text (footnote references, footnote back links,
    cross-references) takes focus from the keyboard alone."""
    base_url, _sites = elements_sites
    page.goto(f"{base_url}{language}/kanavat.html")
    links = page.eval_on_selector_all(
        "article a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert any("#" in href for href in links), links
    controls = page.eval_on_selector_all("a[href], button, input, [tabindex]", "all => all.length")
    focused = set()
    for _ in range(controls + 5):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
        if href:
            focused.add(href)
    missing = [href for href in links if href not in focused]
    assert not missing, f"links the keyboard never reaches: {missing}"
