"""Tasks for the Viestintäohje handbooks. Run `invoke --list`; the logic lives in build_tools."""

import logging
import shutil

from invoke import Collection, Exit, task

from build_tools.browser import BrowserError
from build_tools.build import DEFAULT_BUILD_DIR, build_html, build_pdfs
from build_tools.config import PROJECT_ROOT, ConfigError, project_config
from build_tools.report import summary
from build_tools.screenshots import front_page_screenshots
from build_tools.sphinx_run import BuildError

LANG_HELP = "Languages, comma-separated (default: all declared in handbook.toml)."
EDITION_HELP = "Editions, comma-separated (default: all declared in handbook.toml)."
STRICT_HELP = "Treat Sphinx warnings as errors (default: on)."


def _run(build_steps):
    """Run build steps, print the summary, and turn known failures into a clean exit."""
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger("build_tools").setLevel(logging.INFO)
    try:
        artifacts = [artifact for step in build_steps for artifact in step()]
    except (ConfigError, BuildError) as error:
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


@task(help={"lang": LANG_HELP})
def screenshots(c, lang=None):
    """Save a screenshot of each language's front page to docs/screenshots/ (for the README)."""
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    config = project_config()
    try:
        written = front_page_screenshots(config, config.select_languages(lang))
    except (ConfigError, BuildError, BrowserError) as error:
        raise Exit(f"error: {error}", code=1)
    for path in written:
        print(f"Wrote {path.relative_to(PROJECT_ROOT)} ({path.stat().st_size / 1024:.0f} kB)")


@task
def clean(c):
    """Remove all build output (the build/ folder)."""
    shutil.rmtree(DEFAULT_BUILD_DIR, ignore_errors=True)
    print(f"Removed {DEFAULT_BUILD_DIR.name}/")


ns = Collection(build, html, pdf, screenshots, clean)
