"""Every input checked before any output is touched: bad input never reaches an output."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from build_tools.config import HandbookConfig
from build_tools.engine.plan import Kind, Target
from build_tools.errors import BuildError, ConfigError, TranslationError
from build_tools.paths import (
    HYPHENATION_DIR,
    LOCALE_DIR,
    PRINT_THEME_DIR,
    PROJECT_ROOT,
    SOURCE_DIR,
    BuildPaths,
)

# Less free space than this fails at once, not half-way through writing a site.
MIN_FREE_BYTES = 50 * 1024 * 1024


def check_build_folder(paths: BuildPaths) -> None:
    """The build folder is outside the inputs, writable, and has room."""
    root = paths.root.resolve()
    for inputs in (SOURCE_DIR, LOCALE_DIR):
        if root.is_relative_to(inputs.resolve()):
            raise ConfigError(f"build folder {root} is inside {inputs.name}/: each build would "
                              f"read its own outputs as input; choose a folder outside "
                              f"{inputs.name}/ (the default is build/)")
    probe = root / f".write-test-{os.getpid()}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
        free = shutil.disk_usage(root).free
    except OSError as error:
        raise BuildError(f"{root}: cannot write to the build folder ({error.strerror}); "
                         "make it writable or choose another with --build-dir") from None
    if free < MIN_FREE_BYTES:
        raise BuildError(f"{root}: only {free // 1024 // 1024} MB free on its disk, a build "
                         f"needs at least {MIN_FREE_BYTES // 1024 // 1024} MB; free some "
                         "space or choose another folder with --build-dir")


def preflight(config: HandbookConfig, stale: list[Target]) -> None:
    """Check the inputs the stale targets are made from; raise BuildError listing every
    problem with its file and line."""
    from build_tools.site.asset_checks import missing_files, stylesheet_problems, svg_problems
    from build_tools.sphinxext.source_checks import (
        chapters,
        symbolic_links,
        text_problems,
        unused_edition_tags,
    )

    problems = unknown_languages(config, {target.language for target in stale})
    problems += symbolic_links(SOURCE_DIR, LOCALE_DIR, HYPHENATION_DIR)
    for chapter in chapters():
        problems += text_problems(chapter)
    problems += unused_edition_tags(config)
    for svg in _files(SOURCE_DIR, ".svg"):
        problems += svg_problems(svg)
    # The site's stylesheets are loaded by readers' browsers; the print theme's are read
    # only by WeasyPrint, whose fetcher refuses anything outside the project itself.
    for stylesheet in _files(SOURCE_DIR, ".css"):
        problems += stylesheet_problems(stylesheet)
    site_static = SOURCE_DIR / "_static"
    for stylesheet in _files(site_static, ".css"):
        problems += missing_files(stylesheet, [site_static])
    pdf_languages = sorted({target.language for target in stale if target.kind is Kind.PDF})
    if pdf_languages:
        # The print HTML's _static/ holds the print theme's files and source/_static's.
        print_static = [PRINT_THEME_DIR / "static", site_static]
        for stylesheet in _files(print_static[0], ".css"):
            problems += missing_files(stylesheet, print_static)
    if pdf_languages and not problems:
        from build_tools.pdf.fonts import missing_glyphs

        problems += missing_glyphs(_printed_texts(config, pdf_languages))
    if problems:
        raise BuildError("the inputs have problems; nothing was built. Fix each line named:"
                         "\n  " + "\n  ".join(problems))


def unknown_languages(config: HandbookConfig, languages: set[str]) -> list[str]:
    """Language codes Babel does not know: Sphinx failed on them with "Handler ... threw an
    exception (unknown locale 'xx')", naming neither handbook.toml nor the fix."""
    from babel import localedata

    return [f"{config.where(f'languages.{code}')}: unknown language code {code!r} in "
            "[languages]; use a lower-case ISO 639 code such as 'de' or 'et' "
            "(`invoke i18n.add-language CODE` checks one)"
            for code in sorted(languages) if not localedata.exists(code)]


def _files(root: Path, suffix: str) -> list[Path]:
    return [path for path in sorted(root.rglob(f"*{suffix}")) if not path.is_symlink()]


def _shown(path: Path) -> str:
    return os.path.relpath(path, PROJECT_ROOT)


def _printed_texts(config: HandbookConfig, languages: list[str]) -> Iterator[tuple[str, str]]:
    """(file:line, text) of everything a PDF may print: the chapters, handbook.toml and
    each language's translations."""
    from build_tools.i18n.catalogs import forms, read_catalog
    from build_tools.sphinxext.source_checks import chapters

    for path in (*chapters(), config.path):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{_shown(path)}:{number}", line
    for language in languages:
        for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
            try:
                catalog = read_catalog(path)
            except TranslationError:
                continue  # the catalog check reports it, with its line
            for message in catalog:
                strings = forms(message.string)
                if message.id and not message.fuzzy:
                    yield f"{_shown(path)}:{message.lineno}", "".join(str(s or "") for s in strings)
