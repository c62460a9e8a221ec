"""Run Sphinx in this process, quietly, and turn its warnings into one clear error."""

from __future__ import annotations

import gc
import importlib
import io
import logging
from functools import cache
from pathlib import Path

import sphinx.locale
from sphinx.application import Sphinx, builtin_extensions
from sphinx.errors import SphinxError
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from build_tools.config import HandbookConfig
from build_tools.errors import BuildError
from build_tools.paths import PROJECT_ROOT, SOURCE_DIR
from build_tools.sphinxext.settings import handbook_config

log = logging.getLogger(__name__)


def run_sphinx(builder: str, language: str, outdir: Path, doctreedir: Path,
               tags: tuple[str, ...] = (), strict: bool = True,
               source_dir: Path = SOURCE_DIR) -> None:
    """Build `builder` output for one language into `outdir`.

    With `strict`, any warning (broken markup, an unresolved reference, a translation
    that drops a link) fails the build after all of them have been collected.
    """
    warnings = io.StringIO()
    # Sphinx caches translators per process; without this the second language built
    # in one process would reuse the first one's catalogs.
    sphinx.locale.translators.clear()
    _import_sphinx_modules()
    # Warnings are collected as text for our own messages: no terminal colour codes.
    nocolor()
    try:
        with patch_docutils(source_dir), docutils_namespace():
            app = Sphinx(source_dir, source_dir, outdir, doctreedir, builder,
                         confoverrides={"language": language}, status=None,
                         warning=warnings, warningiserror=strict, tags=tags)
            app.build()
    except SphinxError as error:
        raise BuildError(f"Sphinx failed ({builder}, {language}): {error}") from error
    except RecursionError:
        document = app.env.temp_data.get("docname", "?") if "app" in locals() else "?"
        raise BuildError(f"source/{document}.rst: nested too deeply for Sphinx to read "
                         f"({builder}, {language}); flatten its lists or quotes") from None
    finally:
        sphinx.locale.translators.clear()
        _release(logging.getLogger("sphinx"))
    reported = warnings.getvalue().strip()
    if reported and strict:
        raise BuildError(f"Sphinx reported problems ({builder}, {language}); fix the file "
                         f"and line named in each:\n{_relative(reported)}"
                         + _translation_hint(language, handbook_config(app.config)))
    if reported:
        log.warning("%s", _relative(reported))


@cache
def _import_sphinx_modules() -> None:
    """Import Sphinx's built-in extensions while no language is active.

    A module-level `_()` in Sphinx is translated at import time when a translator is
    already set (else it stays lazy): imported during the first build of a process,
    e.g. the Python module index's title would stay in that build's language for
    every later build, Swedish in a Finnish site (seen in objects.inv).
    """
    for name in builtin_extensions:
        importlib.import_module(name)


def _translation_hint(language: str, config: HandbookConfig) -> str:
    """Sphinx names the source line even when the text came from a translation."""
    if language == config.source_language:
        return ""
    return (f"\nIn a {language} build the text of a named line comes from "
            f"locale/{language}/LC_MESSAGES/<chapter>.po: if the source line is right, "
            "fix its translation there.")


def _release(sphinx_logger: logging.Logger) -> None:
    """Let the finished Sphinx application be freed before this process renders a PDF.

    Sphinx leaves its log handlers installed, and they reference the application with
    its whole environment: ~130 MB on a 250-page book, kept through WeasyPrint's layout.
    """
    for handler in sphinx_logger.handlers[:]:
        sphinx_logger.removeHandler(handler)
    gc.collect()


def _relative(text: str) -> str:
    """Warnings name files relative to the project, so messages read the same anywhere."""
    return text.replace(f"{PROJECT_ROOT}/", "")
