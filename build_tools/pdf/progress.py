"""Progress of a long render: WeasyPrint's steps and pages laid out, one line per interval."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import time
from collections.abc import Iterator

log = logging.getLogger(__name__)

# Seconds between two progress lines of one render; the environment variable is for tests.
INTERVAL_VARIABLE = "HANDBOOK_PROGRESS_SECONDS"
DEFAULT_INTERVAL = 10.0
_PAGE = re.compile(r"^Step 5 - Creating layout - Page (\d+)")
_STEP = re.compile(r"^Step \d+ - ([^-]+?)(?: - .*)?$")


class RenderProgress(logging.Handler):
    """Hears `weasyprint.progress` and keeps the latest state; a ticker thread reports it.

    WeasyPrint logs every page and every stylesheet: reporting from a thread, not from
    each record, keeps the output to one line per interval however fast records come.
    """

    def __init__(self, name: str):
        super().__init__(logging.INFO)
        self.name = name
        self._lock = threading.Lock()
        self._started = time.perf_counter()
        self._what = ""
        self._step = "starting"
        self._pages = 0
        self._laid_out = 0
        self._passes = 1
        self._expected: int | None = None
        self._layout_started = self._started

    def expect(self, what: str, pages: int | None) -> None:
        """A layout begins: `what` it is for and, when known, its pages in the last build."""
        with self._lock:
            self._what, self._step, self._expected = what, "starting", pages
            self._pages = self._laid_out = 0
            self._passes = 1
            self._layout_started = time.perf_counter()

    def stage(self, step: str, what: str | None = None) -> None:
        with self._lock:
            self._step = step
            self._what = what or self._what

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        with self._lock:
            if page := _PAGE.match(message):
                if self._passes == 1 and not self._laid_out:
                    # Pages per second count from the first page, not from parsing the HTML.
                    self._layout_started = time.perf_counter()
                self._pages = int(page[1])
                self._laid_out = max(self._laid_out, self._pages)
                self._step = "laying out" if self._passes == 1 else \
                    f"laying out again (pass {self._passes}: page numbers moved)"
            elif "Repagination" in message:
                self._passes += 1
            elif step := _STEP.match(message):
                self._step = step[1].strip().lower()

    def line(self) -> str:
        """What the render is doing, pages laid out, and what is left when it can be told."""
        with self._lock:
            now = time.perf_counter()
            text = f"  {self.name}{f' ({self._what})' if self._what else ''}: {self._step}"
            if self._pages and self._passes == 1:
                rate = self._pages / max(now - self._layout_started, 1e-3)
                text += f", page {self._pages}"
                if self._expected and self._expected > self._pages:
                    left = (self._expected - self._pages) / rate
                    text += f" of ~{self._expected} (~{left:.0f} s of layout left)"
                text += f", {rate:.1f} pages/s"
            elif self._laid_out:
                text += f", page {self._pages} of {self._laid_out}"
            return f"{text}; {now - self._started:.0f} s so far"


_active: list[RenderProgress] = []


@contextlib.contextmanager
def reporting(name: str, interval: float | None = None) -> Iterator[RenderProgress]:
    """Report the render named `name` on this module's logger at INFO, every `interval` s."""
    if interval is None:
        interval = float(os.environ.get(INTERVAL_VARIABLE) or DEFAULT_INTERVAL)
    progress = RenderProgress(name)
    weasyprint_logger = logging.getLogger("weasyprint.progress")
    weasyprint_logger.addHandler(progress)
    # The logger's own level gates handlers: WeasyPrint's INFO records must reach ours.
    saved_level = weasyprint_logger.level
    weasyprint_logger.setLevel(logging.INFO)
    weasyprint_logger.propagate, saved_propagate = False, weasyprint_logger.propagate
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(interval):
            log.info("%s", progress.line())
    ticker = threading.Thread(target=tick, name=f"progress {name}", daemon=True)
    _active.append(progress)
    ticker.start()
    try:
        yield progress
    finally:
        stop.set()
        ticker.join()
        _active.remove(progress)
        weasyprint_logger.removeHandler(progress)
        weasyprint_logger.setLevel(saved_level)
        weasyprint_logger.propagate = saved_propagate


def expect(what: str, pages: int | None) -> None:
    """Tell the current render's progress (if one is reported) that a layout begins."""
    for progress in _active[-1:]:
        progress.expect(what, pages)


def stage(step: str, what: str | None = None) -> None:
    """Tell the current render's progress (if one is reported) what it does now, and for what."""
    for progress in _active[-1:]:
        progress.stage(step, what)
