"""Check and compile a language's .po catalogs once, before any Sphinx process reads them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from build_tools.engine import LOCALE_DIR, BuildError


def prepare_catalogs(language: str, locale_dir: Path = LOCALE_DIR) -> None:
    """Raise BuildError naming each catalog (and line) that is not valid; compile the rest.

    Sphinx would skip a broken catalog with at most a warning, and compiles outdated
    .mo files itself: two workers building the same language at once could then read
    a half-written .mo. Compiling here first (atomically) leaves Sphinx nothing to do.
    GNU msgfmt finds syntax errors with their line; babel (what Sphinx uses) finds an
    unknown charset. Without msgfmt on the machine only babel's checks run.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    problems, catalogs = [], {}
    msgfmt = shutil.which("msgfmt")
    for po in sorted((locale_dir / language).rglob("*.po")):
        name = os.path.relpath(po)
        try:
            with open(po, "rb") as file:
                catalogs[po] = read_po(file, locale=language, abort_invalid=True)
        except (PoFileError, LookupError, UnicodeDecodeError, ValueError) as error:
            problems.append(f"{name}: {error}")
            continue
        if msgfmt:
            result = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(po)],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                problems += [line.replace(str(po), name) for line in result.stderr.splitlines()
                             if line.startswith(str(po))]
    if problems:
        raise BuildError("translation catalogs that cannot be read; fix the line named "
                         "(a missing quote, a bad header or charset):\n  "
                         + "\n  ".join(problems))
    for po, catalog in catalogs.items():
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_name(f".{mo.name}.partial")
        with open(partial, "wb") as file:
            write_mo(file, catalog, use_fuzzy=False)
        os.replace(partial, mo)
