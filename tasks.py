"""Tasks for the Viestintäohje handbooks. Run `invoke --list`; the logic lives in build_tools."""

import logging
import shutil

from invoke import Collection, Exit, task

from build_tools.build import DEFAULT_BUILD_DIR, build as build_outputs, failures
from build_tools.config import ConfigError, project_config
from build_tools.lock import BuildLocked

LANG_HELP = "Languages, comma-separated (default: all declared in handbook.toml)."
EDITION_HELP = "Editions, comma-separated (default: all declared in handbook.toml)."
STRICT_HELP = "Treat Sphinx and WeasyPrint warnings as errors (default: on)."
JOBS_HELP = "Worker processes building in parallel (default 0: one per CPU core)."
KEEP_GOING_HELP = "After a failure, still build the outputs that do not depend on it."
WAIT_HELP = "If another build is running, wait for it (default) instead of stopping."
BUILD_DIR_HELP = "Folder for the outputs (default: build/)."
BUILD_HELP = {"lang": LANG_HELP, "edition": EDITION_HELP, "strict": STRICT_HELP,
              "jobs": JOBS_HELP, "keep_going": KEEP_GOING_HELP, "wait": WAIT_HELP,
              "build_dir": BUILD_DIR_HELP}


def _run(lang, edition, strict, jobs, keep_going, wait, build_dir, html=True, pdf=True):
    """Build, print the summary, and turn failures into a clean non-zero exit."""
    from build_tools.report import summary

    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger("build_tools").setLevel(logging.INFO)
    try:
        config = project_config()
        outcomes = build_outputs(config, config.select_languages(lang),
                                 config.select_editions(edition), build_dir or DEFAULT_BUILD_DIR,
                                 html=html, pdf=pdf, strict=strict, jobs=jobs or None,
                                 keep_going=keep_going, wait_for_lock=wait)
    except (ConfigError, BuildLocked) as error:
        raise Exit(f"error: {error}", code=1)
    except KeyboardInterrupt:
        raise Exit("interrupted: outputs already in place are unchanged", code=130)
    print(summary(outcomes))
    if failures(outcomes):
        raise Exit(f"error: {len(failures(outcomes))} output(s) failed; see above", code=1)


@task(help=BUILD_HELP)
def build(c, lang=None, edition=None, strict=True, jobs=0, keep_going=False, wait=True,
          build_dir=None):
    """Build what changed of everything declared: HTML sites and PDF handbooks."""
    _run(lang, edition, strict, jobs, keep_going, wait, build_dir)


@task(help={key: BUILD_HELP[key] for key in BUILD_HELP if key != "edition"})
def html(c, lang=None, strict=True, jobs=0, keep_going=False, wait=True, build_dir=None):
    """Build the HTML site of each language into build/html/<lang>/."""
    _run(lang, None, strict, jobs, keep_going, wait, build_dir, pdf=False)


@task(help=BUILD_HELP)
def pdf(c, lang=None, edition=None, strict=True, jobs=0, keep_going=False, wait=True,
        build_dir=None):
    """Build the PDF handbooks into build/pdf/."""
    _run(lang, edition, strict, jobs, keep_going, wait, build_dir, html=False)


@task(help={"lang": LANG_HELP, "edition": EDITION_HELP, "jobs": JOBS_HELP})
def verify_reproducible(c, lang=None, edition=None, jobs=0):
    """Build twice in separate folders and check that every output is byte-identical."""
    from build_tools.engine import BuildError
    from build_tools.reproducible import verify_reproducible as verify

    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    config = project_config()
    try:
        differing = verify(config, config.select_languages(lang),
                           config.select_editions(edition), jobs=jobs or None)
    except (ConfigError, BuildError) as error:
        raise Exit(f"error: {error}", code=1)
    if differing:
        raise Exit("error: these outputs differ between two builds of the same sources:\n  "
                   + "\n  ".join(differing), code=1)
    print("Reproducible: two builds in separate folders wrote byte-identical outputs.")


@task(help={"size": "Pages of the large stress book, in units of ~250 A4 pages (default 4).",
            "repetitions": "Runs of each measurement; the table shows medians (default 3)."})
def bench(c, size=4, repetitions=3):
    """Measure build speed against sphinx-simplepdf (needs: pip install -e '.[bench]')."""
    from benchmarks.bench import run_benchmark, table

    logging.basicConfig(format="%(message)s", level=logging.INFO)
    print(table(run_benchmark(size=int(size), repetitions=int(repetitions))))


@task
def clean(c):
    """Remove all build output (the build/ folder)."""
    shutil.rmtree(DEFAULT_BUILD_DIR, ignore_errors=True)
    print(f"Removed {DEFAULT_BUILD_DIR.name}/")


ns = Collection(build, html, pdf, verify_reproducible, bench, clean)
