"""Build real outputs for tests through the engine's public API."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from build_tools.config import Edition, HandbookConfig, Language, Variant
from build_tools.engine.build import BuildOptions, Outcome, build_or_raise
from build_tools.paths import BuildPaths
from build_tools.pdf import hyphenation


def build_html(config: HandbookConfig, languages: list[Language],
               build_dir: Path) -> list[Outcome]:
    """The sites of `languages` and the language chooser; raise naming any failure."""
    return build_or_raise(config, languages, [],
                          BuildOptions(paths=BuildPaths(Path(build_dir)), pdf=False))


def build_pdfs(config: HandbookConfig, languages: list[Language], editions: list[Edition],
               build_dir: Path, variants: list[Variant] | None = None) -> list[Outcome]:
    """The `variants` (default: every one) of `editions` in `languages`; raise naming any
    failure."""
    return build_or_raise(config, languages, editions,
                          BuildOptions(paths=BuildPaths(Path(build_dir)), html=False,
                                       variants=variants))


def hyphenating(language: str, words: Iterable[str]) -> contextlib.AbstractContextManager[Path]:
    """While inside, WeasyPrint hyphenates `language` with a dictionary made for `words`,
    as a render does for its document's words."""
    return hyphenation.registered_dictionary(language,
                                             hyphenation.dictionary_text(words, language))
