"""`invoke doctor`: what this machine has of what the build and the tests need."""

from __future__ import annotations

from invoke import Exit

from build_tools.commands.running import handbook_task


@handbook_task
def doctor(c):
    """Check the machine for what builds and tests need, and say how to install it.

    Python, Pango, the fonts, the hyphenation data, Chromium, gettext and the PDF tools;
    exits 1 only if something a build needs is missing."""
    from build_tools.doctor import current_platform, examine, report

    findings = examine()
    print(report(findings, current_platform()))
    if any(finding.required and not finding.ok for finding in findings):
        raise Exit(code=1)


TASKS = (doctor,)
