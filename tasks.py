"""Tasks for the Viestintäohje handbooks. Run `invoke --list`; the logic lives in build_tools."""

import logging
import os
import shutil

from invoke import Collection, Exit, task

from build_tools.build import DEFAULT_BUILD_DIR, build_html, build_pdfs
from build_tools.config import ConfigError, project_config
from build_tools.hyphenation import HyphenationError, hyphenated, source_of
from build_tools.previews import PREVIEW_DIR, render_previews
from build_tools.report import summary
from build_tools.sphinx_run import BuildError
from build_tools.verify import declared_pdfs, table, verify_build

LANG_HELP = "Languages, comma-separated (default: all declared in handbook.toml)."
EDITION_HELP = "Editions, comma-separated (default: all declared in handbook.toml)."
STRICT_HELP = "Treat Sphinx warnings as errors (default: on)."


def _run(build_steps):
    """Run build steps, print the summary, and turn known failures into a clean exit."""
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger("build_tools").setLevel(logging.INFO)
    try:
        artifacts = [artifact for step in build_steps for artifact in step()]
    except (ConfigError, BuildError, HyphenationError) as error:
        raise Exit(f"error: {error}", code=1)
    print(summary(artifacts))


@task(help={"lang": LANG_HELP, "edition": EDITION_HELP, "strict": STRICT_HELP})
def build(c, lang=None, edition=None, strict=True):
    """Build everything declared: the HTML sites and the PDF handbooks."""
    config = project_config()
    _run([lambda: build_html(config, config.select_languages(lang), strict=strict),
          lambda: build_pdfs(config, config.select_languages(lang),
                             config.select_editions(edition), strict=strict)])


@task(help={"lang": LANG_HELP, "strict": STRICT_HELP})
def html(c, lang=None, strict=True):
    """Build the HTML site of each language into build/html/<lang>/."""
    config = project_config()
    _run([lambda: build_html(config, config.select_languages(lang), strict=strict)])


@task(help={"lang": LANG_HELP, "edition": EDITION_HELP, "strict": STRICT_HELP})
def pdf(c, lang=None, edition=None, strict=True):
    """Build the PDF handbooks into build/pdf/."""
    config = project_config()
    _run([lambda: build_pdfs(config, config.select_languages(lang),
                             config.select_editions(edition), strict=strict)])


@task
def clean(c):
    """Remove all build output (the build/ folder)."""
    shutil.rmtree(DEFAULT_BUILD_DIR, ignore_errors=True)
    print(f"Removed {DEFAULT_BUILD_DIR.name}/")


@task(help={"word": "The word to hyphenate.",
            "lang": "Its language (default: the source language in handbook.toml)."})
def hyphenate(c, word, lang=None):
    """Show how the PDFs hyphenate a word, and which rule decides it."""
    config = project_config()
    try:
        language = config.select_languages(lang or config.source_language)[0].code
        print(f"{hyphenated(word, language)}  ({source_of(word, language)})")
    except (ConfigError, HyphenationError) as error:
        raise Exit(f"error: {error}", code=1)


@task
def previews(c):
    """Render preview PNGs of the built PDFs into docs/previews/."""
    config = project_config()
    declared = declared_pdfs(config)
    pdfs = [(path, bool(declared[path.name][2].imposition))
            for path in sorted((DEFAULT_BUILD_DIR / "pdf").glob("*.pdf")) if path.name in declared]
    if not pdfs:
        raise Exit("error: no PDFs in build/pdf; run `invoke pdf` first", code=1)
    written = render_previews(pdfs)
    print(f"Wrote {len(written)} previews to {os.path.relpath(PREVIEW_DIR)}/, "
          f"{sum(path.stat().st_size for path in written) / 1024:.0f} kB")


@task(name="pdf")
def check_pdf(c):
    """Check the built PDFs against what their variants promise."""
    findings = verify_build(project_config(), DEFAULT_BUILD_DIR)
    print(table(findings, DEFAULT_BUILD_DIR / "pdf"))
    if not all(finding.passed for finding in findings):
        raise Exit("PDF check failed: see the problems above.", code=1)


check = Collection("check", check_pdf)
ns = Collection(build, html, pdf, clean, hyphenate, previews, check)
