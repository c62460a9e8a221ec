"""Keep build/accessibility-checks.json up to date with the published screen PDFs."""

from __future__ import annotations

from build_tools.check_record import CheckedPdf, write_record
from build_tools.engine.plan import Kind, Target
from build_tools.paths import BuildPaths


def record_checks(paths: BuildPaths, targets: list[Target], state: dict) -> None:
    """Write the checks each existing PDF of `targets` passed when it was published, as
    the build state recorded them; a PDF whose checks did not run is left out."""
    pdfs = [CheckedPdf(target.path.relative_to(paths.root).as_posix(), target.language,
                       tuple(facts["checks"]), int(facts.get("source_date_epoch", 0)),
                       str(facts.get("source_commit") or "unknown"))
            for target in targets if target.kind is Kind.PDF and target.path.exists()
            and (facts := state.get(target.key)) and facts.get("checks")]
    write_record(paths.root, pdfs)
