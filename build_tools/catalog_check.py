"""Check a language's .po catalogs before Sphinx reads them: Sphinx skips broken ones silently."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from build_tools.engine import LOCALE_DIR, BuildError


def check_catalogs(language: str, locale_dir: Path = LOCALE_DIR) -> None:
    """Raise BuildError naming each catalog (and line) that is not a valid .po file.

    GNU msgfmt finds syntax errors with their line; babel (what Sphinx uses) finds an
    unknown charset. Without msgfmt on the machine only babel's checks run.
    """
    problems = []
    msgfmt = shutil.which("msgfmt")
    for catalog in sorted((locale_dir / language).rglob("*.po")):
        name = os.path.relpath(catalog)
        try:
            with open(catalog, "rb") as file:
                read_po(file, abort_invalid=True)
        except (PoFileError, LookupError, UnicodeDecodeError) as error:
            problems.append(f"{name}: {error}")
            continue
        if msgfmt:
            result = subprocess.run([msgfmt, "--check", "-o", os.devnull, name],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                problems += [line for line in result.stderr.splitlines()
                             if line.startswith(name)]
    if problems:
        raise BuildError("translation catalogs that cannot be read; fix the line named "
                         "(a missing quote, a bad header or charset):\n  "
                         + "\n  ".join(problems))
