"""Build the declared HTML sites and PDF handbooks, and record what was written."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from weasyprint.text.fonts import FontConfiguration

from build_tools.config import PROJECT_ROOT, Edition, HandbookConfig, Language
from build_tools.i18n import compile_catalogs
from build_tools.i18n_site import write_language_index
from build_tools.i18n_sphinx import DRAFT_TAG
from build_tools.pdf import render_edition
from build_tools.sphinx_run import run_sphinx

DEFAULT_BUILD_DIR = PROJECT_ROOT / "build"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Artifact:
    """One thing a build wrote: a PDF file or an HTML site (its index page)."""

    path: Path
    kind: str
    language: str
    edition: str | None = None
    variant: str | None = None
    pages: int | None = None


def html_site_dir(build_dir: Path, language: str) -> Path:
    return build_dir / "html" / language


def print_html_dir(build_dir: Path, edition: Edition, language: str) -> Path:
    return build_dir / "print-html" / f"{edition.name}-{language}"


def build_html(config: HandbookConfig, languages: list[Language],
               build_dir: Path = DEFAULT_BUILD_DIR, strict: bool = True,
               draft: bool = False) -> list[Artifact]:
    """One HTML site per language, under build/html/<lang>/, and a language chooser.

    With `draft`, text still in the source language is marked visibly.
    """
    compile_catalogs(list(config.languages))
    artifacts = []
    for number, language in enumerate(languages, 1):
        log.info("[%d/%d] HTML site, %s", number, len(languages), language.code)
        outdir = html_site_dir(build_dir, language.code)
        run_sphinx("html", language.code, outdir,
                   build_dir / "doctrees" / f"html-{language.code}",
                   tags=(DRAFT_TAG,) if draft else (), strict=strict)
        artifacts.append(Artifact(outdir / "index.html", "html", language.code))
    write_language_index(config, build_dir / "html")
    return artifacts


def build_pdfs(config: HandbookConfig, languages: list[Language], editions: list[Edition],
               build_dir: Path = DEFAULT_BUILD_DIR, strict: bool = True,
               draft: bool = False) -> list[Artifact]:
    """Every declared variant of each edition in each language, under build/pdf/.

    Sphinx lays out one print HTML per edition and language; all of its variants
    are rendered from that one file, each distinct page geometry once. With `draft`,
    untranslated text is marked.
    """
    compile_catalogs(list(config.languages))
    font_config = FontConfiguration()
    jobs = [(edition, language) for edition in editions for language in languages]
    artifacts = []
    for number, (edition, language) in enumerate(jobs, 1):
        log.info("[%d/%d] PDF %s, %s", number, len(jobs), edition.name, language.code)
        html_dir = print_html_dir(build_dir, edition, language.code)
        run_sphinx("handbookprint", language.code, html_dir,
                   build_dir / "doctrees" / f"print-{edition.name}-{language.code}",
                   tags=(edition.tag, DRAFT_TAG) if draft else (edition.tag,), strict=strict)
        for pdf in render_edition(config, edition, language.code, html_dir / "index.html",
                                  build_dir / "pdf", font_config):
            artifacts.append(Artifact(pdf.path, "pdf", language.code, edition.name,
                                      pdf.variant, pdf.pages))
    return artifacts
