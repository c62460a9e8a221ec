"""Browser fixtures: the built sites served on 127.0.0.1 and opened in headless Chromium.

Without a browser the tests here skip, in one line that says how to enable them; in CI
(CI=true) a skipped browser test fails, so CI cannot pass without having run them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.site.browser import chromium, missing_browser, serve
from tests.browser.site import DESKTOP, PHONE
from tests.building import build_pdfs


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


NO_BROWSER = "browser tests skipped"


def skip_without_browser() -> None:
    problem = missing_browser()
    if problem:
        pytest.skip(f"{NO_BROWSER}: {problem}")


@pytest.fixture(scope="session", autouse=True)
def browser_to_drive():
    """Skip before anything is built when there is no browser to drive."""
    skip_without_browser()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped browser test is a failure: CI must prove the site in a browser.
    Elsewhere every skip for want of a browser is reported at one place, so that pytest's
    summary (`-ra`) gives it one line instead of one per test."""
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if in_ci():
        report.outcome = "failed"
        report.longrepr = f"CI=true, and a browser test was skipped: {reason}"
    elif NO_BROWSER in reason:
        report.longrepr = (__file__, skip_without_browser.__code__.co_firstlineno, reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser."""
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def all_pdfs(config, build_dir, source_pdfs):
    """Every edition and variant in every language: {(lang, edition, variant): path}.

    The source language's PDFs are already built by `source_pdfs`; only the others are added.
    """
    others = [language for language in config.select_languages()
              if language.code != config.source_language]
    pdfs = {(config.source_language, edition, variant): path
            for (edition, variant), path in source_pdfs.items()}
    for artifact in build_pdfs(config, others, config.select_editions(), build_dir):
        pdfs[(artifact.target.language, artifact.target.edition, artifact.target.variant)] = artifact.path
    return pdfs


@pytest.fixture(scope="session")
def server(build_dir, html_sites):
    """The build folder served over HTTP; the sites are under html/, the PDFs under pdf/."""
    with serve(build_dir) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def site_url(server):
    """The URL of build/html/, where each language's site is a folder."""
    return f"{server}html/"


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser


@dataclass
class Traffic:
    """What a page did behind the reader's back: every request, and everything that went wrong."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def outside(self, host: str = "127.0.0.1") -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != host]


def _open_page(browser, viewport, color_scheme="light"):
    # Reduced motion: the tests look at where transitions end (handbook-a11y.css), not
    # at their frames, so nothing depends on timing.
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme,
                                  reduced_motion="reduce")
    page = context.new_page()
    traffic = Traffic()
    # Context-wide, so requests of every page opened in the test are seen, favicons included.
    context.on("request", lambda request: traffic.requests.append(request.url))
    # ERR_ABORTED is the browser itself cancelling a request when the test navigates on
    # (a favicon still loading); refused or failed requests are problems.
    context.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
               and traffic.problems.append(f"request failed: {request.url} ({request.failure})"))
    context.on("response", lambda response: response.status >= 400 and traffic.problems.append(
        f"HTTP {response.status}: {response.url}"))
    page.on("console", lambda message: message.type == "error" and traffic.problems.append(
        f"console error: {message.text} ({message.location.get('url')})"))
    page.on("pageerror", lambda error: traffic.problems.append(f"script error: {error}"))
    return context, page, traffic


@pytest.fixture
def page_and_traffic(browser):
    """A fresh desktop-sized tab and the record of its traffic."""
    context, page, traffic = _open_page(browser, DESKTOP)
    yield page, traffic
    context.close()


@pytest.fixture
def page(page_and_traffic):
    return page_and_traffic[0]


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def sized_page(request, browser):
    """A fresh tab at each layout the theme has: wide, and narrow with collapsed drawers."""
    context, page, _ = _open_page(browser, request.param)
    yield page
    context.close()


@pytest.fixture(params=[(DESKTOP, "light"), (PHONE, "light"), (DESKTOP, "dark")],
                ids=["desktop", "phone", "desktop-dark"])
def styled_page(request, browser):
    """A fresh tab at each layout, and in furo's dark colours, which follow the reader's
    system setting."""
    context, page, _ = _open_page(browser, *request.param)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A fresh phone-sized tab: the navigation and the page's contents are drawers."""
    context, page, _ = _open_page(browser, PHONE)
    yield page
    context.close()
