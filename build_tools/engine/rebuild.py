"""Build the outputs found out of date: compile their catalogs, run their jobs in parallel,
publish the sites and record each output as it is written.

Imported only when something is out of date: the job, worker and font modules it needs
(multiprocessing, concurrent.futures, urllib) would otherwise make a no-op build slow.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from build_tools.config import HandbookConfig
from build_tools.engine.checked import record_checks
from build_tools.engine.jobs import Job, SiteJob, plan_jobs, publish_site
from build_tools.engine.outcomes import BuildOptions, Outcome, Status
from build_tools.engine.plan import Kind, Target, every_target
from build_tools.engine.schedule import execute
from build_tools.engine.sphinx_cache import forget_language_doctrees, forget_stale_doctrees
from build_tools.engine.state import Fingerprints, save_state
from build_tools.errors import BuildError
from build_tools.paths import BuildPaths
from build_tools.pdf.fonts import private_fontconfig

log = logging.getLogger(__name__)


def rebuild(config: HandbookConfig, stale: list[Target], options: BuildOptions,
            fingerprints: Fingerprints, state: dict, outcomes: dict[str, Outcome],
            environment: dict[str, str], commit: str) -> None:
    """Build `stale`, putting each output's Outcome into `outcomes` and its facts (with
    the fingerprint it was built from) into `state`, saved after every finished job."""
    paths = options.paths
    epoch = environment["SOURCE_DATE_EPOCH"]
    blocked: dict[str, str] = {}
    finished_sites: dict[Target, dict] = {}

    def keep(target: Target, facts: dict) -> None:
        facts = {**facts, "fingerprint": fingerprints.of(target), "source_commit": commit,
                 "source_date_epoch": int(epoch), "draft": options.draft}
        state[target.key] = facts
        outcomes[target.key] = Outcome(target, Status.BUILT, facts)

    def record(job: Job, result: dict | None, error: str | None) -> None:
        if error is not None and not job.targets:
            blocked[job.name] = error
        for target in job.targets:
            if error is not None or result is None:
                outcomes[target.key] = Outcome(target, Status.FAILED, error=error)
            elif isinstance(job, SiteJob):
                finished_sites[target] = result[target.key]
            else:
                keep(target, result[target.key])
        if error is None and job.targets:
            save_state(paths.root, state)
            if job.kind is Kind.PDF:  # before the sites that wait for this job start
                record_checks(paths, every_target(config, paths), state)

    broken = _prepare_catalogs(stale, paths)
    outcomes.update({outcome.target.key: outcome for outcome in broken})
    stale = [] if broken and not options.keep_going else [
        target for target in stale if target.key not in outcomes]
    planned = plan_jobs(stale, paths, options.strict, options.draft, state)
    if planned:
        forget_stale_doctrees(paths, fingerprints.sphinx_code())
        environment = {**environment, "FONTCONFIG_FILE":
                       str(private_fontconfig(paths.work / "fontconfig"))}
    execute(planned, options.jobs or os.cpu_count() or 1, environment, options.keep_going,
            record)
    # Renders dropped because their print HTML failed fail with its message.
    for job in planned:
        if job.needs in blocked:
            for target in job.targets:
                outcomes[target.key] = Outcome(target, Status.FAILED, error=blocked[job.needs])
    for withheld in _publish_sites(finished_sites, blocked, paths, keep):
        outcomes[withheld.target.key] = withheld


def _publish_sites(finished: dict[Target, dict], blocked: dict[str, str], paths: BuildPaths,
                   keep: Callable[[Target, dict], None]) -> list[Outcome]:
    """Swap in each site that was built, unless the print HTML of its language failed:
    Sphinx read the same sources there, and a language is published whole or not at all.
    Return the outcomes of the sites held back."""
    withheld = []
    for target, facts in finished.items():
        failed = [name for name in blocked if name.endswith(f"-{target.language}")]
        if failed:
            message = f"not published, {failed[0]} failed on the same sources"
            log.warning("%s: %s", target.key, message)
            withheld.append(Outcome(target, Status.FAILED, error=message))
        else:
            keep(target, {**facts, **publish_site(paths, target)})
    return withheld


def _prepare_catalogs(stale: list[Target], paths: BuildPaths) -> list[Outcome]:
    """Check and compile the catalogs of each language about to be built, once, before any
    Sphinx process reads them; the outputs of a language whose catalogs are broken fail
    with the reason."""
    from build_tools.i18n.check import prepare_catalogs

    failed = []
    for language in dict.fromkeys(target.language for target in stale):
        try:
            if prepare_catalogs(language):
                forget_language_doctrees(paths, language)
        except BuildError as error:
            failed += [Outcome(target, Status.FAILED, error=str(error))
                       for target in stale if target.language == language]
    return failed
