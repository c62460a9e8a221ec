"""`invoke check`: every check of the built outputs and the translations."""

from __future__ import annotations

from invoke import Collection, Exit

from build_tools.commands.running import handbook_task
from build_tools.config import project_config
from build_tools.paths import BuildPaths

# A build with --build-dir is checked where it was written, not build/'s older files.
CHECK_HELP = {"build_dir": "Folder whose pdf/ is checked (default: build/)."}


def _pdf_problems(build_dir: str | None = None) -> bool:
    from build_tools.pdf.checks import table, verify_build

    paths = BuildPaths.of(build_dir)
    findings = verify_build(project_config(), paths)
    print(table(findings, paths.pdf))
    return not all(finding.passed for finding in findings)


def _translation_problems() -> bool:
    from build_tools.i18n.check import check

    problems = check(project_config())
    if problems:
        print("\n".join(problems) + f"\n{len(problems)} problem"
              f"{'s' if len(problems) != 1 else ''} in the translations")
        return True
    print("All translation files are fine.")
    return False


@handbook_task(name="pdf", help=CHECK_HELP)
def check_pdf(c, build_dir=None):
    """Check the built PDFs against what their variants promise."""
    if _pdf_problems(build_dir):
        raise Exit("PDF check failed: see the problems above.", code=1)


@handbook_task(name="all", default=True, help=CHECK_HELP)
def check_all(c, build_dir=None):
    """Run every check: the built PDFs, then the translation files."""
    failed = [name for name, problems in (("PDF", lambda: _pdf_problems(build_dir)),
                                          ("translation", _translation_problems)) if problems()]
    if failed:
        raise Exit(f"{' and '.join(failed)} check failed: see the problems above.", code=1)


namespace = Collection("check", check_all, check_pdf)
