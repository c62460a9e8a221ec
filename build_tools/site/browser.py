"""Headless Chromium (the system's, driven by Playwright) and a local server for the site."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from build_tools.doctor import CHROMIUM_VARIABLE, INSTALL, current_platform, find_chromium
from build_tools.errors import BrowserError

# Without these, Chromium running as root refuses to start (sandbox), and in the
# background it phones home (updates, sync, QUIC probes): on a closed network that is
# a flood of refused connections and slow start-up.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, with the command that fixes it; None if they can."""
    try:
        import playwright  # noqa: F401 - only whether it is installed
    except ImportError:
        return "Playwright is not installed; run: pip install -e '.[test]'"
    if find_chromium() is None:
        install = INSTALL["chromium"].get(current_platform() or "")
        return (f"Chromium is not installed; {install + ', or ' if install else ''}set "
                f"{CHROMIUM_VARIABLE} to a Chromium or Chrome (`invoke doctor` tells more)")
    return None


def chromium_path() -> str:
    """The system's Chromium or Chrome; Playwright's own browser downloads are not used."""
    problem = missing_browser()
    if problem:
        raise BrowserError(problem)
    return str(find_chromium())


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless Chromium (a Playwright Browser), closed on exit."""
    executable = chromium_path()
    # Imported here: only the browser tests and `invoke docs.screenshots` need Playwright,
    # and the build tasks must keep working without it.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                             args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yield its base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
