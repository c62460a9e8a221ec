"""A tagged (PDF/UA) variant is published only when it passes the checks of `invoke check.pdf`."""

from __future__ import annotations

import os
from pathlib import Path

from build_tools.errors import BuildError
from build_tools.pdf.checks import Expectation, check_pdf


def checks_before_publishing(path: Path, expect: Expectation, html_file: Path) -> list[str]:
    """The names of the checks a PDF/UA variant passed (the sites' accessibility statement
    lists them); none for other variants. A failure raises, naming page and reason."""
    variant = expect.variant
    if not variant.pdf_variant.startswith("pdf/ua"):
        return []
    findings = check_pdf(path, expect)
    failed = [f"page {f.page or '-'}: {f.check}: {f.problem}" for f in findings if not f.passed]
    if failed:
        raise BuildError(f"{os.path.relpath(html_file)}: the {variant.name} PDF fails its "
                         "accessibility checks (`invoke check.pdf` shows them again):\n  "
                         + "\n  ".join(failed))
    return sorted({finding.check for finding in findings})
