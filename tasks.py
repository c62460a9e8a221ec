"""Tasks for the Viestintäohje handbooks. Run `invoke --list`; the logic lives in build_tools.

Heavy libraries (Sphinx, WeasyPrint, PDF and browser tools) are imported inside the
tasks that need them, so that `invoke --list` and an up-to-date build answer at once.
"""

import logging
import os
import shutil

from invoke import Collection, Exit, task

from build_tools.build import DEFAULT_BUILD_DIR, build as build_outputs, failures
from build_tools.config import PROJECT_ROOT, project_config
from build_tools.errors import HandbookError

LANG_HELP = "Languages, comma-separated (default: all declared in handbook.toml)."
EDITION_HELP = "Editions, comma-separated (default: all declared in handbook.toml)."
VARIANT_HELP = "PDF variants, comma-separated (default: every variant each edition declares)."
STRICT_HELP = "Treat Sphinx and WeasyPrint warnings as errors (default: on)."
JOBS_HELP = "Worker processes building in parallel (default 0: one per CPU core)."
KEEP_GOING_HELP = "After a failure, still build the outputs that do not depend on it."
WAIT_HELP = "If another build is running, wait for it (default) instead of stopping."
BUILD_DIR_HELP = "Folder for the outputs (default: build/)."
RELEASE_HELP = "Refuse to publish a language that is not 100 % translated."
ALLOW_INCOMPLETE_HELP = "With --release: publish incomplete languages anyway (Finnish fallback)."
DRAFT_HELP = "Mark text still in Finnish visibly, for reviewers."
BUILD_HELP = {"lang": LANG_HELP, "edition": EDITION_HELP, "variant": VARIANT_HELP,
              "strict": STRICT_HELP,
              "jobs": JOBS_HELP, "keep_going": KEEP_GOING_HELP, "wait": WAIT_HELP,
              "build_dir": BUILD_DIR_HELP, "release": RELEASE_HELP,
              "allow_incomplete": ALLOW_INCOMPLETE_HELP, "draft": DRAFT_HELP}


def _logging():
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger("build_tools").setLevel(logging.INFO)


def _clean_failures(action):
    """Run `action`; a worded failure or Ctrl-C becomes a clean non-zero exit."""
    _logging()
    try:
        return action()
    except HandbookError as error:
        raise Exit(f"error: {error}", code=1)
    except KeyboardInterrupt:
        raise Exit("interrupted: outputs already in place are unchanged", code=130)


def _build(lang, edition, variant, options, html=True, pdf=True):
    """Build, print the summary, and exit non-zero if any output failed.

    A release first checks that every language built is completely translated.
    """
    from build_tools.report import summary

    def run():
        config = project_config()
        languages = config.select_languages(lang)
        editions = config.select_editions(edition)
        variants = config.select_variants(variant) if variant else None
        if options["release"] and not options["allow_incomplete"]:
            from build_tools import i18n, i18n_status

            i18n.extract(config)
            i18n_status.release_gate(config, languages)
        return build_outputs(config, languages, editions,
                             options["build_dir"] or DEFAULT_BUILD_DIR, html=html, pdf=pdf,
                             variants=variants, strict=options["strict"], draft=options["draft"],
                             jobs=options["jobs"] or None, keep_going=options["keep_going"],
                             wait_for_lock=options["wait"])

    outcomes = _clean_failures(run)
    print(summary(outcomes))
    if failures(outcomes):
        raise Exit(f"error: {len(failures(outcomes))} output(s) failed; see above", code=1)


@task(help=BUILD_HELP)
def build(c, lang=None, edition=None, variant=None, strict=True, jobs=0, keep_going=False,
          wait=True, build_dir=None, release=False, allow_incomplete=False, draft=False):
    """Build what changed of everything declared: HTML sites and PDF handbooks."""
    _build(lang, edition, variant, locals())


@task(help={key: text for key, text in BUILD_HELP.items() if key not in ("edition", "variant")})
def html(c, lang=None, strict=True, jobs=0, keep_going=False, wait=True, build_dir=None,
         release=False, allow_incomplete=False, draft=False):
    """Build the HTML site of each language into build/html/<lang>/."""
    _build(lang, None, None, locals(), pdf=False)


@task(help=BUILD_HELP)
def pdf(c, lang=None, edition=None, variant=None, strict=True, jobs=0, keep_going=False,
        wait=True, build_dir=None, release=False, allow_incomplete=False, draft=False):
    """Build the PDF handbooks into build/pdf/."""
    _build(lang, edition, variant, locals(), html=False)


@task
def clean(c):
    """Remove all build output (the build/ folder)."""
    shutil.rmtree(DEFAULT_BUILD_DIR, ignore_errors=True)
    print(f"Removed {DEFAULT_BUILD_DIR.name}/")


@task(help={"lang": LANG_HELP, "edition": EDITION_HELP, "jobs": JOBS_HELP})
def verify_reproducible(c, lang=None, edition=None, jobs=0):
    """Build twice in separate folders and check that every output is byte-identical."""
    from build_tools.reproducible import verify_reproducible as verify

    def run():
        config = project_config()
        return verify(config, config.select_languages(lang), config.select_editions(edition),
                      jobs=jobs or None)

    differing = _clean_failures(run)
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


@task(help={"lang": LANG_HELP})
def screenshots(c, lang=None):
    """Save a screenshot of each language's front page to docs/screenshots/ (for the README)."""
    from build_tools.screenshots import front_page_screenshots

    config = project_config()
    written = _clean_failures(
        lambda: front_page_screenshots(config, config.select_languages(lang)))
    for path in written:
        print(f"Wrote {path.relative_to(PROJECT_ROOT)} ({path.stat().st_size / 1024:.0f} kB)")


@task(help={"word": "The word to hyphenate.",
            "lang": "Its language (default: the source language in handbook.toml)."})
def hyphenate(c, word, lang=None):
    """Show how the PDFs hyphenate a word, and which rule decides it."""
    from build_tools.hyphenation import hyphenated, source_of

    def run():
        config = project_config()
        language = config.select_languages(lang or config.source_language)[0].code
        return f"{hyphenated(word, language)}  ({source_of(word, language)})"

    print(_clean_failures(run))


@task
def previews(c):
    """Render preview PNGs of the built PDFs into docs/previews/."""
    from build_tools.previews import PREVIEW_DIR, render_previews
    from build_tools.verify import declared_pdfs

    declared = declared_pdfs(project_config())
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
    from build_tools.verify import table, verify_build

    findings = verify_build(project_config(), DEFAULT_BUILD_DIR)
    print(table(findings, DEFAULT_BUILD_DIR / "pdf"))
    if not all(finding.passed for finding in findings):
        raise Exit("PDF check failed: see the problems above.", code=1)


check = Collection("check", check_pdf)


# ---- Translators' tasks: `invoke i18n.<task>`

@task(name="extract")
def i18n_extract(c):
    """Write the .pot templates from the sources into build/gettext/."""
    from build_tools import i18n

    written = _clean_failures(lambda: i18n.extract(project_config()))
    print(f"{len(written)} templates in {i18n.relative(i18n.POT_DIR)}/")


@task(name="update", help={"lang": LANG_HELP})
def i18n_update(c, lang=None):
    """Bring the .po files up to the sources; no translation is ever dropped."""
    from build_tools import i18n

    def update():
        config = project_config()
        i18n.extract(config)
        return [path for language in config.select_languages(lang)
                for path in i18n.update_language(language.code, config)]
    written = _clean_failures(update)
    for path in written:
        print(f"updated {i18n.relative(path)}")
    print(f"{len(written)} file{'s' if len(written) != 1 else ''} changed")


@task(name="status", help={"lang": LANG_HELP,
                           "fail_under": "Exit with an error if a language is below PERCENT.",
                           "json": "Print JSON instead of a table."})
def i18n_status_task(c, lang=None, fail_under=None, json=False):
    """Show translated, fuzzy and untranslated messages per language and file."""
    from build_tools import i18n, i18n_status

    def measure():
        config = project_config()
        i18n.extract(config)
        return i18n_status.status(config, config.select_languages(lang))
    try:
        threshold = None if fail_under is None else float(fail_under)
    except ValueError:
        raise Exit(f"error: --fail-under takes a number, e.g. 100, not {fail_under!r}", code=1)
    rows = _clean_failures(measure)
    print(i18n_status.as_json(rows) if json else i18n_status.table(rows))
    failing = [] if threshold is None else i18n_status.below(rows, threshold)
    if failing:
        raise Exit(f"error: below {threshold:g} %: " + ", ".join(
            f"{r.language} {r.percent:.1f} %" for r in failing), code=1)


@task(name="check")
def i18n_check_task(c):
    """Check every .po: it parses, its headers agree, no msgstr breaks markup or links."""
    from build_tools import i18n_check

    problems = _clean_failures(lambda: i18n_check.check(project_config()))
    if problems:
        raise Exit("\n".join(problems) + f"\n{len(problems)} problem"
                   f"{'s' if len(problems) != 1 else ''} in the translations", code=1)
    print("All translation files are fine.")


@task(name="add-language", help={"code": "The new language's ISO 639 code, e.g. de.",
                                 "name": "Its name in that language (default: from CLDR)."})
def i18n_add_language(c, code, name=None):
    """Create the catalogs of a new language and declare it in handbook.toml."""
    from build_tools import i18n

    written = _clean_failures(lambda: i18n.add_language(code, project_config(), name))
    print(f"Declared {code} in handbook.toml and created {len(written)} catalogs in "
          f"locale/{code}/LC_MESSAGES/; the next build includes it.")


i18n_tasks = Collection("i18n", i18n_extract, i18n_update, i18n_status_task, i18n_check_task,
                        i18n_add_language)
ns = Collection(build, html, pdf, clean, verify_reproducible, bench, screenshots, hyphenate,
                previews, check, i18n_tasks)
