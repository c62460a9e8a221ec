"""Headless Chromium (Debian's package, driven by Playwright) and a local server for the site."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


def chromium_path() -> str:
    """The system's Chromium; Playwright's own browser downloads are not used."""
    path = shutil.which("chromium")
    if path is None:
        raise BrowserError("Chromium is not installed; on Debian: apt-get install chromium")
    return path


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless Chromium (a Playwright Browser), closed on exit."""
    try:
        # Imported here: only the browser tests and `invoke screenshots` need Playwright,
        # and the build tasks must keep working without it.
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserError("Playwright is not installed; run: "
                           "pip install -e '.[browser]'") from None
    executable = chromium_path()
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
