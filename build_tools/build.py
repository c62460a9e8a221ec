"""Build what is declared and out of date, in parallel, and record what was written."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.config import PROJECT_ROOT, Edition, HandbookConfig, Language, Variant
from build_tools.engine import (BuildError, Fingerprints, Target, declared_targets, load_state,
                                save_state, stale_targets)
from build_tools.lock import build_lock
from build_tools.manifest import write_manifest
from build_tools.reproducible import source_commit, source_date_epoch
from build_tools.workers import init_worker, library_for, ready, recover_trees, run_job

DEFAULT_BUILD_DIR = PROJECT_ROOT / "build"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one artifact: built, up to date, failed, or not built."""

    target: Target
    status: str
    facts: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def path(self) -> Path:
        return self.target.path

    @property
    def language(self) -> str:
        return self.target.language

    @property
    def edition(self) -> str | None:
        return self.target.edition

    @property
    def variant(self) -> str | None:
        return self.target.variant

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def pages(self) -> int | None:
        return self.facts.get("pages")


@dataclass(frozen=True)
class Job:
    """A unit of work for one worker; `targets` are the artifacts it completes."""

    name: str
    work: tuple
    targets: tuple[Target, ...] = ()
    needs: str | None = None


def plan_jobs(stale: list[Target], build_dir: Path, strict: bool, draft: bool) -> list[Job]:
    """One job per stale HTML site; per edition and language, one print-HTML job and one
    render job for its stale PDF variants (variants with equal pages share a layout).

    Renders come first so that a free worker picks up a PDF as soon as its print
    HTML exists; the sites fill the gaps.
    """
    renders, prints, sites = {}, {}, []
    for target in stale:
        if target.kind == "html":
            sites.append(Job(target.key, ("html", target, build_dir, strict, draft), (target,)))
            continue
        name = f"{target.edition}-{target.language}"
        prints.setdefault(name, Job(f"print-html/{name}", (
            "print", target.edition, target.language, build_dir, strict, draft)))
        renders.setdefault(name, []).append(target)
    render_jobs = [Job(f"pdf/{name}", ("pdf", tuple(targets), build_dir, strict),
                       tuple(targets), f"print-html/{name}")
                   for name, targets in renders.items()]
    return render_jobs + list(prints.values()) + sites


def build(config: HandbookConfig, languages: list[Language], editions: list[Edition],
          build_dir: Path = DEFAULT_BUILD_DIR, *, html: bool = True, pdf: bool = True,
          variants: list[Variant] | None = None, strict: bool = True, draft: bool = False,
          jobs: int | None = None, keep_going: bool = False,
          wait_for_lock: bool = True) -> list[Outcome]:
    """Build the selected artifacts that are out of date; return one Outcome per artifact.

    Failures do not raise: they are Outcomes with status "failed" (and "not built" for
    what was skipped because of them); everything that did build is kept and recorded.
    With `draft`, text still in the source language is marked visibly.
    """
    build_dir = Path(build_dir)
    jobs = jobs or os.cpu_count() or 1
    epoch = source_date_epoch()
    with build_lock(build_dir, wait=wait_for_lock):
        recover_trees(build_dir)
        targets = declared_targets(config, languages, editions, build_dir, html=html, pdf=pdf,
                                   variants=variants)
        # What changes the bytes of an output is part of its fingerprint.
        fingerprints = Fingerprints(config, {"strict": strict, "draft": draft,
                                             "source_date_epoch": epoch})
        state = load_state(build_dir)
        stale = stale_targets(targets, fingerprints, state)
        commit = source_commit() if stale else None
        outcomes = {target.key: Outcome(target, "up to date", state[target.key])
                    for target in targets if target not in stale}
        if stale:
            log.info("%d of %d outputs to build, %d up to date", len(stale), len(targets),
                     len(targets) - len(stale))

        blocked: dict[str, str] = {}

        def record(job: Job, result: dict | None, error: str | None) -> None:
            if error is not None and not job.targets:
                blocked[job.name] = error
            for target in job.targets:
                if error is not None:
                    outcomes[target.key] = Outcome(target, "failed", error=error)
                    continue
                facts = {**result[target.key], "fingerprint": fingerprints.of(target),
                         "source_commit": commit}
                state[target.key] = facts
                outcomes[target.key] = Outcome(target, "built", facts)
            if error is None and job.targets:
                save_state(build_dir, state)

        broken = _prepare_catalogs(config, stale)
        outcomes.update({outcome.target.key: outcome for outcome in broken})
        stale = [] if broken and not keep_going else [
            target for target in stale if target.key not in outcomes]
        planned = plan_jobs(stale, build_dir, strict, draft)
        _execute(planned, jobs, {"SOURCE_DATE_EPOCH": epoch}, keep_going, record)
        # Renders dropped because their print HTML failed fail with its message.
        for job in planned:
            if job.needs in blocked:
                for target in job.targets:
                    outcomes[target.key] = Outcome(target, "failed", error=blocked[job.needs])
        if html:
            from build_tools.i18n_site import write_language_index

            write_language_index(config, build_dir / "html")
        all_targets = declared_targets(config, list(config.languages.values()),
                                       list(config.editions.values()), build_dir)
        write_manifest(build_dir, all_targets, state, commit or source_commit(), epoch)
    return [outcomes.get(t.key) or Outcome(t, "not built", error="an earlier step failed")
            for t in targets]


def _prepare_catalogs(config: HandbookConfig, stale: list[Target]) -> list[Outcome]:
    """Check and compile the catalogs of each language about to be built, once, before any
    Sphinx process reads them; the outputs of a language whose catalogs are broken fail
    with the reason."""
    from build_tools.i18n_check import prepare_catalogs

    failed = []
    for language in dict.fromkeys(target.language for target in stale):
        try:
            prepare_catalogs(language)
        except BuildError as error:
            failed += [Outcome(target, "failed", error=str(error))
                       for target in stale if target.language == language]
    return failed


def _execute(jobs: list[Job], workers: int, environment: dict, keep_going: bool,
             record) -> None:
    """Run jobs, each after the job it needs, at most `workers` at a time.

    After a failure, jobs that need the failed one are dropped; without `keep_going`
    nothing new starts, but running jobs finish and are kept.
    """
    if not jobs:
        return
    pending, total, started_count, finished = list(jobs), len(jobs), 0, 0
    done, failed = set(), set()
    running: dict[Future, tuple[Job, float]] = {}
    stop = False
    with _pools(workers, jobs, environment) as submit:
        while pending or running:
            pending = [job for job in pending if job.needs not in failed]
            startable = [job for job in pending if job.needs is None or job.needs in done]
            while startable and not stop and len(running) < workers:
                job = startable.pop(0)
                pending.remove(job)
                started_count += 1
                log.info("[%d/%d] building %s", started_count, total, job.name)
                running[submit(job.work)] = (job, time.perf_counter())
            if not running:
                break
            completed, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in completed:
                job, started = running.pop(future)
                finished += 1
                try:
                    result, error = future.result(), None
                    done.add(job.name)
                except Exception as exception:  # a worker's failure, already worded
                    result, error = None, str(exception)
                    failed.add(job.name)
                    stop = stop or not keep_going
                record(job, result, error)
                log.info("  %s %s in %.1f s (%d left)", "failed:" if error else "done:",
                         job.name, time.perf_counter() - started, total - finished)


@contextlib.contextmanager
def _pools(workers: int, jobs: list[Job], environment: dict):
    """Submit work to long-lived worker processes, or run it here when one worker is asked.

    Workers start fresh (spawn): no Sphinx or WeasyPrint state is inherited. Sphinx
    jobs and PDF renders get a pool each (see `library_for`); both pools start at
    once, so WeasyPrint is imported while Sphinx works.
    """
    if workers <= 1:
        with _in_process(environment) as submit:
            yield submit
        return
    needed: dict[str, int] = {}
    for job in jobs:
        library = library_for(job.work)
        needed[library] = min(workers, needed.get(library, 0) + 1)
    context = multiprocessing.get_context("spawn")
    pools = {library: ProcessPoolExecutor(size, mp_context=context, initializer=init_worker,
                                          initargs=(environment, library))
             for library, size in needed.items()}
    try:
        for library, pool in pools.items():
            for _ in range(needed[library]):
                pool.submit(ready)
        yield lambda work: pools[library_for(work)].submit(run_job, work)
    except BaseException:
        for pool in pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    for pool in pools.values():
        pool.shutdown(wait=True)


@contextlib.contextmanager
def _in_process(environment: dict):
    """Run each job here, at once, with the workers' environment for the duration."""
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)

    def submit(work: tuple) -> Future:
        future = Future()
        try:
            future.set_result(run_job(work))
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


def failures(outcomes: list[Outcome]) -> list[Outcome]:
    return [outcome for outcome in outcomes if outcome.status in ("failed", "not built")]


def build_html(config: HandbookConfig, languages: list[Language],
               build_dir: Path = DEFAULT_BUILD_DIR, strict: bool = True, draft: bool = False,
               jobs: int | None = None) -> list[Outcome]:
    """The HTML site of each language, under build/html/<lang>/, and the language chooser
    build/html/index.html; raise BuildError on failure."""
    return _checked(build(config, languages, [], build_dir, pdf=False, strict=strict,
                          draft=draft, jobs=jobs))


def build_pdfs(config: HandbookConfig, languages: list[Language], editions: list[Edition],
               build_dir: Path = DEFAULT_BUILD_DIR, strict: bool = True, draft: bool = False,
               jobs: int | None = None) -> list[Outcome]:
    """Every variant of each edition in each language, under build/pdf/; raise on failure."""
    return _checked(build(config, languages, editions, build_dir, html=False, strict=strict,
                          draft=draft, jobs=jobs))


def _checked(outcomes: list[Outcome]) -> list[Outcome]:
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if failed:
        raise BuildError("\n".join(f"{o.target.key}: {o.error}" for o in failed))
    return outcomes
