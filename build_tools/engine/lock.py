"""One build at a time per build folder: an advisory lock on build/.lock."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from pathlib import Path

from build_tools.errors import BuildLocked

log = logging.getLogger(__name__)
LOCK_FILE = ".lock"


@contextlib.contextmanager
def build_lock(build_dir: Path, wait: bool = True):
    """Hold the build folder's lock; wait for it, or raise BuildLocked when `wait` is off.

    The kernel releases the lock when its holder exits, so a killed build never leaves
    a stale lock behind.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_FILE
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            if not wait:
                raise BuildLocked(f"another build (process {holder}) is writing to {path.parent}; "
                                  "try again when it has finished, or drop --no-wait "
                                  "to wait for it") from None
            log.warning("Another build (process %s) is writing to %s; waiting for it to "
                        "finish (Ctrl-C to stop)...", holder, path.parent)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
