"""Tasks for the Viestintäohje handbooks. Run `invoke --list`; the logic lives in build_tools."""

import logging
import os
import shutil

from invoke import Collection, Exit, task

from build_tools import i18n, i18n_check, i18n_status
from build_tools.browser import BrowserError
from build_tools.build import DEFAULT_BUILD_DIR, build_html, build_pdfs
from build_tools.config import PROJECT_ROOT, ConfigError, project_config
from build_tools.hyphenation import HyphenationError, hyphenated, source_of
from build_tools.previews import PREVIEW_DIR, render_previews
from build_tools.report import summary
from build_tools.screenshots import front_page_screenshots
from build_tools.sphinx_run import BuildError
from build_tools.verify import declared_pdfs, table, verify_build

LANG_HELP = "Languages, comma-separated (default: all declared in handbook.toml)."
EDITION_HELP = "Editions, comma-separated (default: all declared in handbook.toml)."
STRICT_HELP = "Treat Sphinx warnings as errors (default: on)."
RELEASE_HELP = "Refuse to publish a language that is not 100 % translated."
ALLOW_INCOMPLETE_HELP = "With --release: publish incomplete languages anyway (Finnish fallback)."
DRAFT_HELP = "Mark text still in Finnish visibly, for reviewers."


KNOWN_ERRORS = (ConfigError, BuildError, HyphenationError, i18n.TranslationError)


def _logging():
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger("build_tools").setLevel(logging.INFO)


def _run(build_steps, release=False, allow_incomplete=False, lang=None):
    """Run build steps, print the summary, and turn known failures into a clean exit.

    A release first checks that every language built is completely translated.
    """
    _logging()
    try:
        if release and not allow_incomplete:
            config = project_config()
            i18n.extract(config)
            i18n_status.release_gate(config, config.select_languages(lang))
        artifacts = [artifact for step in build_steps for artifact in step()]
    except KNOWN_ERRORS as error:
        raise Exit(f"error: {error}", code=1)
    print(summary(artifacts))


BUILD_HELP = {"lang": LANG_HELP, "edition": EDITION_HELP, "strict": STRICT_HELP,
              "release": RELEASE_HELP, "allow_incomplete": ALLOW_INCOMPLETE_HELP,
              "draft": DRAFT_HELP}


@task(help=BUILD_HELP)
def build(c, lang=None, edition=None, strict=True, release=False, allow_incomplete=False,
          draft=False):
    """Build everything declared: the HTML sites and the PDF handbooks."""
    config = project_config()
    _run([lambda: build_html(config, config.select_languages(lang), strict=strict, draft=draft),
          lambda: build_pdfs(config, config.select_languages(lang),
                             config.select_editions(edition), strict=strict, draft=draft)],
         release, allow_incomplete, lang)


@task(help={key: value for key, value in BUILD_HELP.items() if key != "edition"})
def html(c, lang=None, strict=True, release=False, allow_incomplete=False, draft=False):
    """Build the HTML site of each language into build/html/<lang>/."""
    config = project_config()
    _run([lambda: build_html(config, config.select_languages(lang), strict=strict, draft=draft)],
         release, allow_incomplete, lang)


@task(help=BUILD_HELP)
def pdf(c, lang=None, edition=None, strict=True, release=False, allow_incomplete=False,
        draft=False):
    """Build the PDF handbooks into build/pdf/."""
    config = project_config()
    _run([lambda: build_pdfs(config, config.select_languages(lang),
                             config.select_editions(edition), strict=strict, draft=draft)],
         release, allow_incomplete, lang)


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


# ---- Translators' tasks: `invoke i18n.<task>`

def _i18n(action):
    """Run one translation step; known failures become a clean exit naming the fix."""
    _logging()
    try:
        return action()
    except KNOWN_ERRORS as error:
        raise Exit(f"error: {error}", code=1)


@task(name="extract")
def i18n_extract(c):
    """Write the .pot templates from the sources into build/gettext/."""
    written = _i18n(lambda: i18n.extract(project_config()))
    print(f"{len(written)} templates in {i18n.relative(i18n.POT_DIR)}/")


@task(name="update", help={"lang": LANG_HELP})
def i18n_update(c, lang=None):
    """Bring the .po files up to the sources; no translation is ever dropped."""
    def update():
        config = project_config()
        i18n.extract(config)
        return [path for language in config.select_languages(lang)
                for path in i18n.update_language(language.code, config)]
    written = _i18n(update)
    for path in written:
        print(f"updated {i18n.relative(path)}")
    print(f"{len(written)} file{'s' if len(written) != 1 else ''} changed")


@task(name="status", help={"lang": LANG_HELP,
                           "fail_under": "Exit with an error if a language is below PERCENT.",
                           "json": "Print JSON instead of a table."})
def i18n_status_task(c, lang=None, fail_under=None, json=False):
    """Show translated, fuzzy and untranslated messages per language and file."""
    def measure():
        config = project_config()
        i18n.extract(config)
        return i18n_status.status(config, config.select_languages(lang))
    try:
        threshold = None if fail_under is None else float(fail_under)
    except ValueError:
        raise Exit(f"error: --fail-under takes a number, e.g. 100, not {fail_under!r}", code=1)
    rows = _i18n(measure)
    print(i18n_status.as_json(rows) if json else i18n_status.table(rows))
    failing = [] if threshold is None else i18n_status.below(rows, threshold)
    if failing:
        raise Exit(f"error: below {threshold:g} %: " + ", ".join(
            f"{r.language} {r.percent:.1f} %" for r in failing), code=1)


@task(name="check")
def i18n_check_task(c):
    """Check every .po: it parses, its headers agree, no msgstr breaks markup or links."""
    problems = _i18n(lambda: i18n_check.check(project_config()))
    if problems:
        raise Exit("\n".join(problems) + f"\n{len(problems)} problem"
                   f"{'s' if len(problems) != 1 else ''} in the translations", code=1)
    print("All translation files are fine.")


@task(name="add-language", help={"code": "The new language's ISO 639 code, e.g. de.",
                                 "name": "Its name in that language (default: from CLDR)."})
def i18n_add_language(c, code, name=None):
    """Create the catalogs of a new language and declare it in handbook.toml."""
    written = _i18n(lambda: i18n.add_language(code, project_config(), name))
    print(f"Declared {code} in handbook.toml and created {len(written)} catalogs in "
          f"locale/{code}/LC_MESSAGES/; the next build includes it.")


i18n_tasks = Collection("i18n", i18n_extract, i18n_update, i18n_status_task, i18n_check_task,
                        i18n_add_language)
ns = Collection(build, html, pdf, screenshots, clean, hyphenate, previews, check, i18n_tasks)
