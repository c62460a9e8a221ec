"""One way for every task to run and to fail: worded errors, Ctrl-C, logging, help texts."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from invoke import Exit, task

from build_tools.errors import HandbookError

LANG_HELP = "Languages, comma-separated (default: all declared in handbook.toml)."
EDITION_HELP = "Editions, comma-separated (default: all declared in handbook.toml)."
VARIANT_HELP = "PDF variants, comma-separated (default: every variant each edition declares)."
JOBS_HELP = "Worker processes building in parallel (default 0: one per CPU core)."
BUILD_DIR_HELP = "Folder for the outputs (default: build/)."


def handbook_task(body: Callable | None = None, **options: Any) -> Any:
    """`invoke.task` (bare or with options), with the body run through
    `run_reporting_errors`."""
    def decorate(body: Callable) -> Any:
        @functools.wraps(body)
        def guarded(c: Any, *arguments: Any, **keywords: Any) -> Any:
            return run_reporting_errors(lambda: body(c, *arguments, **keywords))
        return task(**options)(guarded)
    return decorate(body) if body is not None else decorate


def run_reporting_errors(action: Callable[[], Any]) -> Any:
    """Run `action`: a worded failure or a file that cannot be written prints one line and
    exits 1, Ctrl-C exits 130; none prints a traceback."""
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger("build_tools").setLevel(logging.INFO)
    try:
        return action()
    except HandbookError as error:
        raise Exit(f"error: {error}", code=1) from None
    except OSError as error:  # a full disk, a read-only folder: the file and the reason
        raise Exit(f"error: {error.filename or 'a file'}: {error.strerror or error}", code=1) \
            from None
    except KeyboardInterrupt:
        raise Exit("interrupted: outputs already in place are unchanged", code=130) from None
