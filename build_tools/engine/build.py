"""Build what is declared and out of date, in parallel, and record what was written."""

from __future__ import annotations

import logging

from build_tools.check_record import RECORD_ENV, RECORD_NAME
from build_tools.config import Edition, HandbookConfig, Language
from build_tools.engine.checked import record_checks
from build_tools.engine.file_hashes import FileHashes
from build_tools.engine.lock import build_lock
from build_tools.engine.manifest import write_manifest
from build_tools.engine.outcomes import BuildOptions, Outcome, Status, failures
from build_tools.engine.plan import declared_targets, every_target
from build_tools.engine.preflight import check_build_folder, preflight
from build_tools.engine.state import Fingerprints, load_state, save_state, stale_targets
from build_tools.engine.undeclared import remove_undeclared
from build_tools.errors import BuildError
from build_tools.files import recover_trees
from build_tools.provenance import source_commit, source_date_epoch
from build_tools.release.facts import FACTS_ENV, write_facts

log = logging.getLogger(__name__)
# Re-exported: the engine's callers take the options and outcomes from here.
__all__ = ["BuildOptions", "Outcome", "Status", "build", "build_or_raise", "failures",
           "release_refusals"]


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
    epoch = source_date_epoch()
    with build_lock(paths.root, wait=options.wait_for_lock):
        recover_trees(paths.html)
        refused = release_refusals(config, languages, options)
        targets = declared_targets(config, languages, editions, paths, html=options.html,
                                   pdf=options.pdf, variants=options.variants)
        # The version, provenance and changes every output shows (release/facts.py).
        facts_path, facts_digest = write_facts(config, paths, options.release_version)
        # What changes the bytes of an output is part of its fingerprint.
        # A site's accessibility statement states the checks the record holds.
        check_record = paths.root / RECORD_NAME
        hashes = FileHashes(paths.root)
        fingerprints = Fingerprints(config, {"strict": options.strict, "draft": options.draft,
                                             "source_date_epoch": epoch,
                                             "release": facts_digest}, check_record, hashes)
        state = load_state(paths.root)
        publishable = [target for target in targets if target.language not in refused]
        stale = stale_targets(publishable, fingerprints, state, hashes)
        if stale:
            preflight(config, stale)
        commit = source_commit()
        outcomes = {target.key: Outcome(target, Status.UP_TO_DATE, state[target.key])
                    for target in publishable if target not in stale}
        outcomes.update({target.key: Outcome(target, Status.REFUSED,
                                             error=refused[target.language])
                         for target in targets if target.language in refused})
        if stale:
            log.info("%d of %d outputs to build, %d up to date", len(stale), len(targets),
                     len(publishable) - len(stale))
            from build_tools.engine.rebuild import rebuild  # heavy: only when there is work

            rebuild(config, stale, options, fingerprints, state, outcomes,
                    {"SOURCE_DATE_EPOCH": epoch, FACTS_ENV: str(facts_path),
                     RECORD_ENV: str(check_record)}, commit)
        save_state(paths.root, state)
        hashes.save()
        if options.html:
            from build_tools.site.chooser import write_language_index

            write_language_index(config, paths.html)
        remove_undeclared(config, paths)
        record_checks(paths, every_target(config, paths), state)
        write_manifest(paths.root, [target for target in every_target(config, paths)
                                    if target.language not in refused], state,
                       commit, epoch, refused=sorted(refused))
    return [outcomes.get(t.key) or Outcome(t, Status.NOT_BUILT, error="not started after an "
                                           "earlier failure; --keep-going builds it")
            for t in targets]


def build_or_raise(config: HandbookConfig, languages: list[Language], editions: list[Edition],
                   options: BuildOptions = BuildOptions()) -> list[Outcome]:
    """`build`, raising BuildError naming every output that was not written."""
    outcomes = build(config, languages, editions, options)
    failed = failures(outcomes)
    if failed:
        raise BuildError("\n".join(f"{o.target.key}: {o.error}" for o in failed))
    return outcomes


def release_refusals(config: HandbookConfig, languages: list[Language],
                     options: BuildOptions) -> dict[str, str]:
    """{language: why a release may not publish it}; empty unless options.release."""
    return {**_feedback_refusals(config, languages, options),
            **_release_refusals(config, languages, options)}


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

    paths = CatalogPaths(pot_dir=options.paths.templates)
    extract(config, paths)
    refusals = release_gate(config, languages, paths)
    return {language: refusal.describe() for language, refusal in refusals.items()}
