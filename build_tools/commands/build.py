"""Tasks that build: `invoke build`, `html`, `pdf`, `clean`, `verify-reproducible`, `hyphenate`."""

from __future__ import annotations

import shutil

from invoke import Exit

from build_tools.commands.running import (
    BUILD_DIR_HELP,
    EDITION_HELP,
    JOBS_HELP,
    LANG_HELP,
    VARIANT_HELP,
    handbook_task,
)
from build_tools.config import project_config
from build_tools.errors import ConfigError
from build_tools.paths import DEFAULT_BUILD_DIR, RELEASES_DIR, BuildPaths

BUILD_HELP = {
    "lang": LANG_HELP,
    "edition": EDITION_HELP,
    "variant": VARIANT_HELP,
    "strict": "Treat Sphinx and WeasyPrint warnings as errors (default: on).",
    "jobs": JOBS_HELP,
    "keep_going": "After a failure, still build the outputs of its kind (PDFs or sites) that "
                  "do not depend on it; the other kind is built either way.",
    "wait": "If another build is running, wait for it (default) instead of stopping.",
    "build_dir": BUILD_DIR_HELP,
    "release": "Build only the completely translated languages; refuse the others by name "
               "(exit 1), listing their untranslated and fuzzy messages.",
    "allow_incomplete": "With --release: publish incomplete languages anyway (Finnish fallback).",
    "draft": "Mark text still in Finnish visibly, for reviewers.",
}
SITE_HELP = {key: text for key, text in BUILD_HELP.items() if key not in ("edition", "variant")}


def worker_count(jobs: str | int | None) -> int | None:
    """--jobs as a number of workers (None: one per CPU core); invoke hands it over as text."""
    text = str(jobs).strip() if jobs is not None else "0"
    if not text.isdigit():
        raise ConfigError(f"--jobs {jobs}: give a whole number of worker processes, 1 or "
                          "more (0 or leaving it out: one per CPU core)")
    return int(text) or None


def _build(lang: str | None, edition: str | None, variant: str | None, *, html: bool,
           pdf: bool, strict: bool, jobs: str | None, keep_going: bool, wait: bool,
           build_dir: str | None, release: bool, allow_incomplete: bool, draft: bool) -> None:
    """Build, print the summary, and exit non-zero if any output failed."""
    from build_tools.engine.build import BuildOptions, Status, build, failures
    from build_tools.engine.report import first_cause, summary

    config = project_config()
    options = BuildOptions(
        paths=BuildPaths.of(build_dir),
        html=html, pdf=pdf,
        variants=config.select_variants(variant) if variant else None,
        strict=strict, draft=draft, jobs=worker_count(jobs), keep_going=keep_going,
        wait_for_lock=wait, release=release, allow_incomplete=allow_incomplete)
    outcomes = build(config, config.select_languages(lang), config.select_editions(edition),
                     options)
    print(summary(outcomes))
    failed = failures(outcomes)
    refused = sorted({o.target.language for o in failed if o.status is Status.REFUSED})
    broken = [o for o in failed if o.status is not Status.REFUSED]
    reasons = [f"--release refused {', '.join(refused)} (incomplete translation)"] if refused \
        else []
    if broken:
        reasons.append(f"{len(broken)} of {len(outcomes)} output(s) not written, first of all "
                       f"because: {first_cause(broken)}")
    if reasons:
        raise Exit(f"error: {'; '.join(reasons)} (the summary above has every cause)", code=1)


@handbook_task(name="build", help=BUILD_HELP)
def build_all(c, lang=None, edition=None, variant=None, strict=True, jobs=None, keep_going=False,
              wait=True, build_dir=None, release=False, allow_incomplete=False, draft=False):
    """Build what changed of everything declared: HTML sites and PDF handbooks."""
    _build(lang, edition, variant, html=True, pdf=True, strict=strict, jobs=jobs,
           keep_going=keep_going, wait=wait, build_dir=build_dir, release=release,
           allow_incomplete=allow_incomplete, draft=draft)


@handbook_task(help=SITE_HELP)
def html(c, lang=None, strict=True, jobs=None, keep_going=False, wait=True, build_dir=None,
         release=False, allow_incomplete=False, draft=False):
    """Build the HTML site of each language into build/html/<lang>/."""
    _build(lang, None, None, html=True, pdf=False, strict=strict, jobs=jobs,
           keep_going=keep_going, wait=wait, build_dir=build_dir, release=release,
           allow_incomplete=allow_incomplete, draft=draft)


@handbook_task(help=BUILD_HELP)
def pdf(c, lang=None, edition=None, variant=None, strict=True, jobs=None, keep_going=False,
        wait=True, build_dir=None, release=False, allow_incomplete=False, draft=False):
    """Build the PDF handbooks into build/pdf/."""
    _build(lang, edition, variant, html=False, pdf=True, strict=strict, jobs=jobs,
           keep_going=keep_going, wait=wait, build_dir=build_dir, release=release,
           allow_incomplete=allow_incomplete, draft=draft)


@handbook_task
def clean(c):
    """Remove all build output in build/, except the releases in build/releases/."""
    if DEFAULT_BUILD_DIR.is_dir():
        for path in DEFAULT_BUILD_DIR.iterdir():
            if path.is_dir() and path != RELEASES_DIR:
                shutil.rmtree(path)
            elif not path.is_dir():
                path.unlink()
    kept = " (kept the releases in build/releases/)" if RELEASES_DIR.is_dir() else ""
    print(f"Removed {DEFAULT_BUILD_DIR.name}/{kept}")


@handbook_task(help={"lang": LANG_HELP, "edition": EDITION_HELP, "jobs": JOBS_HELP})
def verify_reproducible(c, lang=None, edition=None, jobs=None):
    """Build twice in separate folders and check that every output is byte-identical."""
    from build_tools.engine.reproducibility import verify_reproducible as verify

    config = project_config()
    differing = verify(config, config.select_languages(lang), config.select_editions(edition),
                       jobs=worker_count(jobs))
    if differing:
        raise Exit("error: these outputs differ between two builds of the same sources:\n  "
                   + "\n  ".join(differing), code=1)
    print("Reproducible: two builds in separate folders wrote byte-identical outputs.")


@handbook_task(help={"word": "The word to hyphenate.",
                     "lang": "Its language (default: the source language in handbook.toml)."})
def hyphenate(c, word, lang=None):
    """Show how the PDFs hyphenate a word, and which rule decides it."""
    from build_tools.pdf.hyphenation import hyphenated, source_of

    config = project_config()
    language = config.select_languages(lang or config.source_language)[0].code
    print(f"{hyphenated(word, language)}  ({source_of(word, language)})")


TASKS = (build_all, html, pdf, clean, verify_reproducible, hyphenate)
