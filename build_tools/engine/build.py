"""Build what is declared and out of date, in parallel, and record what was written."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from build_tools.check_record import RECORD_ENV, RECORD_NAME
from build_tools.config import Edition, HandbookConfig, Language, Variant
from build_tools.engine.checked import record_checks
from build_tools.engine.jobs import (
    Job,
    SiteJob,
    plan_jobs,
    publish_site,
)
from build_tools.engine.lock import build_lock
from build_tools.engine.manifest import write_manifest
from build_tools.engine.plan import Kind, Target, declared_targets, every_target
from build_tools.engine.preflight import check_build_folder, preflight
from build_tools.engine.schedule import execute
from build_tools.engine.sphinx_cache import forget_stale_doctrees
from build_tools.engine.state import Fingerprints, load_state, save_state, stale_targets
from build_tools.engine.undeclared import remove_undeclared
from build_tools.errors import BuildError
from build_tools.files import recover_trees
from build_tools.paths import BuildPaths
from build_tools.pdf.fonts import private_fontconfig
from build_tools.provenance import source_commit, source_date_epoch
from build_tools.release.facts import FACTS_ENV, write_facts

log = logging.getLogger(__name__)


class Status(StrEnum):
    BUILT = "built"
    UP_TO_DATE = "up to date"
    FAILED = "failed"
    NOT_BUILT = "not built"
    REFUSED = "refused"  # a release leaves out a language that is not completely translated

    @property
    def ok(self) -> bool:
        return self in (Status.BUILT, Status.UP_TO_DATE)


@dataclass(frozen=True)
class Outcome:
    """What happened to one artifact: built, up to date, failed, or not built."""

    target: Target
    status: Status
    facts: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def path(self):
        return self.target.path


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what the tasks' flags say, in one object the engine reads."""

    paths: BuildPaths = field(default_factory=BuildPaths)
    html: bool = True
    pdf: bool = True
    variants: list[Variant] | None = None
    strict: bool = True
    draft: bool = False
    jobs: int | None = None
    keep_going: bool = False
    wait_for_lock: bool = True
    release: bool = False
    allow_incomplete: bool = False
    # The version `invoke release` is making; None: the version rule of release/version.py.
    release_version: str | None = None


def failures(outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes of artifacts that were not written."""
    return [outcome for outcome in outcomes if not outcome.status.ok]


def build(config: HandbookConfig, languages: list[Language], editions: list[Edition],
          options: BuildOptions = BuildOptions()) -> list[Outcome]:
    """Build the selected artifacts that are out of date; return one Outcome per artifact.

    Failures do not raise: they are Outcomes with status FAILED (and NOT_BUILT for
    what was skipped because of them); everything that did build is kept and recorded.
    A release builds only the completely translated languages: the outputs of the
    others are REFUSED, naming each untranslated and fuzzy message.
    """
    paths = options.paths
    check_build_folder(paths)
    jobs = options.jobs or os.cpu_count() or 1
    epoch = source_date_epoch()
    with build_lock(paths.root, wait=options.wait_for_lock):
        recover_trees(paths.html)
        refused = {**_feedback_refusals(config, languages, options),
                   **_release_refusals(config, languages, options)}
        targets = declared_targets(config, languages, editions, paths, html=options.html,
                                   pdf=options.pdf, variants=options.variants)
        # The version, provenance and changes every output shows (release/facts.py).
        facts_path, facts_digest = write_facts(config, paths, options.release_version)
        # What changes the bytes of an output is part of its fingerprint.
        # A site's accessibility statement states the checks the record holds.
        check_record = paths.root / RECORD_NAME
        fingerprints = Fingerprints(config, {"strict": options.strict, "draft": options.draft,
                                             "source_date_epoch": epoch,
                                             "release": facts_digest}, check_record)
        state = load_state(paths.root)
        publishable = [target for target in targets if target.language not in refused]
        stale = stale_targets(publishable, fingerprints, state)
        if stale:
            preflight(config, stale)
        commit = source_commit() if stale else None
        outcomes = {target.key: Outcome(target, Status.UP_TO_DATE, state[target.key])
                    for target in publishable if target not in stale}
        outcomes.update({target.key: Outcome(target, Status.REFUSED,
                                             error=refused[target.language])
                         for target in targets if target.language in refused})
        if stale:
            log.info("%d of %d outputs to build, %d up to date", len(stale), len(targets),
                     len(publishable) - len(stale))

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

        broken = _prepare_catalogs(stale)
        outcomes.update({outcome.target.key: outcome for outcome in broken})
        stale = [] if broken and not options.keep_going else [
            target for target in stale if target.key not in outcomes]
        planned = plan_jobs(stale, paths, options.strict, options.draft, state)
        environment = {"SOURCE_DATE_EPOCH": epoch, FACTS_ENV: str(facts_path),
                       RECORD_ENV: str(check_record)}
        if planned:
            forget_stale_doctrees(paths, fingerprints.sphinx_code())
            environment["FONTCONFIG_FILE"] = str(private_fontconfig(paths.work / "fontconfig"))
        execute(planned, jobs, environment, options.keep_going, record)
        # Renders dropped because their print HTML failed fail with its message.
        for job in planned:
            if job.needs in blocked:
                for target in job.targets:
                    outcomes[target.key] = Outcome(target, Status.FAILED,
                                                   error=blocked[job.needs])
        for withheld in _publish_sites(finished_sites, blocked, paths, keep):
            outcomes[withheld.target.key] = withheld
        save_state(paths.root, state)
        if options.html:
            from build_tools.site.chooser import write_language_index

            write_language_index(config, paths.html)
        remove_undeclared(config, paths)
        record_checks(paths, every_target(config, paths), state)
        write_manifest(paths.root, [target for target in every_target(config, paths)
                                    if target.language not in refused], state,
                       commit or source_commit(), epoch, refused=sorted(refused))
    return [outcomes.get(t.key) or Outcome(t, Status.NOT_BUILT, error="not started after an "
                                           "earlier failure; --keep-going builds it")
            for t in targets]


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


def build_or_raise(config: HandbookConfig, languages: list[Language], editions: list[Edition],
                   options: BuildOptions = BuildOptions()) -> list[Outcome]:
    """`build`, raising BuildError naming every output that was not written."""
    outcomes = build(config, languages, editions, options)
    failed = failures(outcomes)
    if failed:
        raise BuildError("\n".join(f"{o.target.key}: {o.error}" for o in failed))
    return outcomes


def _feedback_refusals(config: HandbookConfig, languages: list[Language],
                       options: BuildOptions) -> dict[str, str]:
    """{language: why}: a release publishes only languages whose accessibility statement
    names where to send feedback and the supervisory authority (Act 306/2019),
    --allow-incomplete or not."""
    if not options.release:
        return {}
    refusals = {}
    for language in languages:
        reasons = [] if language.feedback_email else [
            f"no address for accessibility feedback in {language.code}: set feedback_email "
            f"in [project] of handbook.toml (or in [languages.{language.code}])"]
        if config.supervision is None:
            reasons.append("no supervisory authority for the accessibility statement: "
                           "declare [supervision] in handbook.toml")
        if reasons:
            refusals[language.code] = "; ".join(reasons)
    return refusals


def _release_refusals(config: HandbookConfig, languages: list[Language],
                      options: BuildOptions) -> dict[str, str]:
    """{language: why a release leaves it out}; empty unless --release without
    --allow-incomplete. Measured against templates extracted afresh into the build
    folder, so a message added to the sources since the last update counts."""
    if not options.release or options.allow_incomplete:
        return {}
    from build_tools.i18n.catalogs import CatalogPaths
    from build_tools.i18n.extract import extract
    from build_tools.i18n.status import release_gate

    paths = CatalogPaths(pot_dir=options.paths.root / "gettext")
    extract(config, paths)
    refusals = release_gate(config, languages, paths)
    return {language: refusal.describe() for language, refusal in refusals.items()}


def _prepare_catalogs(stale: list[Target]) -> list[Outcome]:
    """Check and compile the catalogs of each language about to be built, once, before any
    Sphinx process reads them; the outputs of a language whose catalogs are broken fail
    with the reason."""
    if not stale:
        return []  # a no-op build: the checks' import (docutils) is a third of its time
    from build_tools.i18n.check import prepare_catalogs

    failed = []
    for language in dict.fromkeys(target.language for target in stale):
        try:
            prepare_catalogs(language)
        except BuildError as error:
            failed += [Outcome(target, Status.FAILED, error=str(error))
                       for target in stale if target.language == language]
    return failed

