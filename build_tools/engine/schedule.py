"""Run a build's jobs, each after the job it needs, with progress lines."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait

from build_tools.engine.jobs import Job
from build_tools.engine.plan import Kind
from build_tools.engine.workers import worker_pools

log = logging.getLogger(__name__)

Record = Callable[[Job, dict | None, str | None], None]


def execute(jobs: list[Job], workers: int, environment: dict[str, str], keep_going: bool,
            record: Record) -> None:
    """Run jobs, each after the job it needs (and after the jobs it comes `after`, when
    they run), at most `workers` at a time; `record` hears each job's result or error as
    it finishes.

    After a failure, jobs that need the failed one are dropped; without `keep_going` no
    new job of the same kind of output starts (a PDF that cannot be rendered stops the
    PDFs, not the HTML sites), and running jobs finish and are kept.
    """
    if not jobs:
        return
    pending, total, started_count, finished = list(jobs), len(jobs), 0, 0
    done: set[str] = set()
    failed: set[str] = set()
    running: dict[Future, tuple[Job, float]] = {}
    stopped: set[Kind] = set()
    with worker_pools(workers, jobs, environment) as pools:
        while pending or running:
            pending = [job for job in pending if job.needs not in failed]
            # Jobs that may still run: a job waits for those it comes `after`.
            coming = {job.name for job in pending if job.kind not in stopped} | {
                job.name for job, _started in running.values()}
            startable = [job for job in pending if job.kind not in stopped
                         and (job.needs is None or job.needs in done)
                         and not coming & set(getattr(job, "after", ()))]
            while startable and len(running) < workers:
                job = startable.pop(0)
                pending.remove(job)
                started_count += 1
                log.info("[%d/%d] building %s", started_count, total, job.name)
                running[pools.submit(job)] = (job, time.perf_counter())
            if not running:
                break
            completed, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in completed:
                job, started = running.pop(future)
                finished += 1
                result: dict | None
                error: str | None
                try:
                    result, error = future.result(), None
                    done.add(job.name)
                except Exception as exception:  # a worker's failure, already worded
                    result, error = None, str(exception)
                    failed.add(job.name)
                    if not keep_going:
                        stopped.add(job.kind)
                record(job, result, error)
                log.info("  %s %s in %.1f s (%d left)", "failed:" if error else "done:",
                         job.name, time.perf_counter() - started, total - finished)
                still_needed = [*pending, *(other for other, _ in running.values())]
                if not any(other.library == job.library for other in still_needed):
                    pools.release(job.library)
