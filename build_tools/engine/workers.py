"""Long-lived worker processes that run jobs, one pool per heavy library (or this process)."""

from __future__ import annotations

import _thread
import contextlib
import gc
import logging
import logging.handlers
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from build_tools.doctor import INSTALL, PLATFORMS, current_platform
from build_tools.engine.jobs import Job
from build_tools.errors import BuildError, MissingDependency

Submit = Callable[[Job], Future]


@dataclass(frozen=True)
class Workers:
    """Where jobs go: `submit` runs one; `release` ends a library's pool once no job is
    left for it (its memory would otherwise stay beside the other pool's peak)."""

    submit: Submit
    release: Callable[[str], None] = lambda library: None

# Why this process's library could not be imported; every job it is given fails with it.
_startup_problems: dict[str, str] = {}
# Workers log their renders' progress here; the parent prints it with its own lines.
PROGRESS_LOGGER = "build_tools.pdf.progress"


def start_library(library: str) -> None:
    """Import `library` (sphinx or weasyprint); if this machine cannot, remember why.

    Raising here instead would break the pool, and each job would fail with "a process
    in the pool was terminated abruptly" instead of the reason.
    """
    try:
        __import__(library)
    except (ImportError, OSError) as error:
        system = current_platform()
        commands = INSTALL["pango"] if library == "weasyprint" else {}
        install = "; ".join(f"{PLATFORMS[name]}: {command}" for name, command in commands.items()
                            if system in (None, name))
        reason = (str(error) or repr(error)).splitlines()[0]
        _startup_problems[library] = (
            f"{library} cannot start on this machine ({type(error).__name__}: {reason})"
            + (f"; install Pango 1.44 or newer: {install}" if install else "")
            + "; `invoke doctor` checks everything a build needs")


def init_worker(environment: dict[str, str], library: str,
                progress: multiprocessing.Queue | None = None) -> None:
    """Import the worker's heavy library (sphinx or weasyprint) once, not once per artifact;
    send progress records to the parent through `progress`."""
    os.environ.update(environment)
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    if progress is not None:
        progress_logger = logging.getLogger(PROGRESS_LOGGER)
        progress_logger.setLevel(logging.INFO)
        progress_logger.propagate = False
        progress_logger.addHandler(logging.handlers.QueueHandler(progress))
    # Ctrl-C reaches every process of the terminal's group. A quiet exit instead of
    # a traceback per worker; `finally` blocks still remove half-written files.
    signal.signal(signal.SIGINT, _stop)
    _exit_with_parent()
    start_library(library)
    # What is imported lives as long as the worker: kept out of the collector's full
    # passes, which otherwise walk it again during every job (each Sphinx run ends with one).
    gc.freeze()


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(130)


# How long a worker whose build died may take to remove its half-written files.
ORPHAN_GRACE_SECONDS = 3


def _exit_with_parent() -> None:
    """Leave when the build process dies.

    Killed (SIGKILL, the OOM killer), the build cannot stop its workers, and each kept
    rendering or waiting for its next job as an orphan for half an hour. The parent's
    sentinel (a pipe on POSIX, a process handle on Windows) becomes ready when it dies;
    unlike Linux's PR_SET_PDEATHSIG it works everywhere and follows the parent process,
    not the thread that started the worker.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        # Ctrl-C's way out first, so `finally` blocks remove half-written files; then
        # for good, as the pool's loop would wait for a next job that never comes.
        _thread.interrupt_main(signal.SIGINT)
        time.sleep(ORPHAN_GRACE_SECONDS)
        os._exit(130)

    threading.Thread(target=watch, name="exit with the build", daemon=True).start()


def ready() -> None:
    """A no-op job: submitted early, it makes a pool start and import while others work."""


def run_job(job: Job) -> dict:
    """Run one job; return, per artifact key, what it produced and the time the job took."""
    if job.library in _startup_problems:
        raise MissingDependency(_startup_problems[job.library])
    started = time.perf_counter()
    try:
        result = job.run()
    except (BuildError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # WeasyPrint's fatal fetch errors derive from BaseException
        # A refused fetch is already worded for the user; anything else names its type.
        detail = str(error) if type(error).__name__ == "FatalURLFetchingError" else \
            f"{type(error).__name__}: {_first_line(str(error))}"
        raise BuildError(f"{job.describe()}: {detail}") from None
    seconds = round(time.perf_counter() - started, 3)
    return {key: {**facts, "seconds": seconds} for key, facts in result.items()}


def _first_line(text: str, limit: int = 300) -> str:
    """An unexpected error's message can hold a whole traceback or document: one line of it."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[:limit] + "..."


@contextlib.contextmanager
def worker_pools(workers: int, jobs: list[Job], environment: dict[str, str]) -> Iterator[Workers]:
    """Submit jobs to long-lived worker processes, or run them here when one worker is asked.

    Workers start fresh (spawn): no Sphinx or WeasyPrint state is inherited. Sphinx
    jobs and PDF renders get a pool each: memory a Sphinx build leaves fragmented would
    otherwise add to WeasyPrint's peak (~80 MB on 250 pages). Both pools start at once,
    so WeasyPrint is imported while Sphinx works; a pool with no job left is released.
    """
    if workers <= 1:
        with _in_process(environment) as submit:
            yield Workers(submit)
        return
    needed: dict[str, int] = {}
    for job in jobs:
        needed[job.library] = min(workers, needed.get(job.library, 0) + 1)
    context = multiprocessing.get_context("spawn")
    progress = context.Queue()
    pools = {library: ProcessPoolExecutor(size, mp_context=context, initializer=init_worker,
                                          initargs=(environment, library, progress))
             for library, size in needed.items()}
    relay = threading.Thread(target=_relay, args=(progress,), name="worker progress",
                             daemon=True)
    relay.start()
    try:
        for library, pool in pools.items():
            for _ in range(needed[library]):
                pool.submit(ready)
        yield Workers(lambda job: pools[job.library].submit(run_job, job),
                      lambda library: pools[library].shutdown(wait=False))
    except BaseException:
        for pool in pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        for pool in pools.values():
            pool.shutdown(wait=True)
    finally:
        progress.put(None)
        relay.join(timeout=5)
        progress.close()


def _relay(progress: multiprocessing.Queue) -> None:
    """Log the workers' progress records here, until None arrives."""
    while (record := progress.get()) is not None:
        logging.getLogger(record.name).handle(record)


@contextlib.contextmanager
def _in_process(environment: dict[str, str]) -> Iterator[Submit]:
    """Run each job here, at once, with the workers' environment for the duration."""
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)

    def submit(job: Job) -> Future:
        if job.library not in sys.modules and job.library not in _startup_problems:
            start_library(job.library)
        future: Future = Future()
        try:
            future.set_result(run_job(job))
        except Exception as exception:
            future.set_exception(exception)
        return future
    try:
        yield submit
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
