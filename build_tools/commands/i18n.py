"""`invoke i18n.*`: the translators' tasks."""

from __future__ import annotations

from invoke import Collection, Exit

from build_tools.commands.running import LANG_HELP, handbook_task
from build_tools.config import project_config


@handbook_task(name="extract")
def extract(c):
    """Write the .pot templates from the sources into locale/templates/ (commit them)."""
    from build_tools.i18n.catalogs import POT_DIR, relative
    from build_tools.i18n.extract import extract as extract_templates

    written = extract_templates(project_config())
    print(f"{len(written)} templates in {relative(POT_DIR)}/")


@handbook_task(name="update", help={"lang": LANG_HELP})
def update(c, lang=None):
    """Bring the .po files up to the sources; no translation is ever dropped."""
    from build_tools.i18n.catalogs import relative
    from build_tools.i18n.extract import extract as extract_templates
    from build_tools.i18n.update import update_language

    config = project_config()
    extract_templates(config)
    written = [path for language in config.select_languages(lang)
               for path in update_language(language.code, config)]
    for path in written:
        print(f"updated {relative(path)}")
    print(f"{len(written)} file{'s' if len(written) != 1 else ''} changed")


@handbook_task(name="status", help={"lang": LANG_HELP,
                                    "fail_under": "Exit with an error if a language is below "
                                                  "PERCENT.",
                                    "json": "Print JSON instead of a table."})
def status(c, lang=None, fail_under=None, json=False):
    """Show translated, fuzzy and untranslated messages per language and file."""
    from build_tools.i18n import status as progress
    from build_tools.i18n.catalogs import CatalogPaths
    from build_tools.i18n.extract import extract as extract_templates
    from build_tools.paths import BuildPaths

    try:
        threshold = None if fail_under is None else float(fail_under)
    except ValueError:
        raise Exit(f"error: --fail-under takes a number, e.g. 100, not {fail_under!r}",
                   code=1) from None
    config = project_config()
    # Measured against the sources as they are, extracted into build/: rewriting the
    # committed templates here made `i18n.check` pass with the .po files never updated.
    paths = CatalogPaths(pot_dir=BuildPaths().templates)
    extract_templates(config, paths)
    rows = progress.status(config, config.select_languages(lang), paths)
    print(progress.as_json(rows) if json else progress.table(rows))
    failing = [] if threshold is None else progress.below(rows, threshold)
    if failing:
        raise Exit(f"error: below {threshold:g} %: " + ", ".join(
            f"{r.language} {r.percent:.1f} %" for r in failing), code=1)


@handbook_task(name="check")
def check(c):
    """Check every .po (syntax, headers, markup, links, glossary terms) and the templates."""
    from build_tools.i18n.check import check as check_catalogs
    from build_tools.i18n.glossary import check_glossary
    from build_tools.i18n.templates import stale_templates

    config = project_config()
    problems = (check_catalogs(config) + stale_templates(config)
                + check_glossary(list(config.languages), config.source_language))
    if problems:
        raise Exit("\n".join(problems) + f"\n{len(problems)} problem"
                   f"{'s' if len(problems) != 1 else ''} in the translations", code=1)
    print("All translation files are fine.")


@handbook_task(name="add-language", help={"code": "The new language's ISO 639 code, e.g. de.",
                                          "name": "Its name in that language (default: from "
                                                  "CLDR)."})
def add_language(c, code, name=None):
    """Create the catalogs of a new language and declare it in handbook.toml."""
    from build_tools.i18n.languages import add_language as add

    written = add(code, project_config(), name)
    print(f"Declared {code} in handbook.toml and created {len(written)} catalogs in "
          f"locale/{code}/LC_MESSAGES/; the next build includes it.")


@handbook_task(name="glossary", help={"lang": LANG_HELP})
def glossary(c, lang=None):
    """Write locale/glossary.csv per language as build/glossary/<lang>.csv for Weblate."""
    from build_tools.i18n.catalogs import relative
    from build_tools.i18n.glossary import export_for_weblate
    from build_tools.paths import DEFAULT_BUILD_DIR

    config = project_config()
    for language in config.select_languages(lang):
        if language.code != config.source_language:
            written = export_for_weblate(language.code, config.source_language,
                                         DEFAULT_BUILD_DIR / "glossary" / f"{language.code}.csv")
            print(f"wrote {relative(written)}")


namespace = Collection("i18n", extract, update, status, check, add_language, glossary)
