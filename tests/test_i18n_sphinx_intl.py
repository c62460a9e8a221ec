"""sphinx-intl's documented commands on this layout: stat agrees with `invoke i18n.status`,
update keeps every translation and `invoke i18n.update` restores the canonical files, and
`invoke i18n.check` catches what update writes when run without `-l`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.config import project_config
from build_tools.i18n.catalogs import CatalogPaths, read_catalog
from build_tools.i18n.check import check
from build_tools.i18n.extract import extract
from build_tools.i18n.status import status
from build_tools.i18n.update import update_language
from build_tools.paths import LOCALE_DIR, PROJECT_ROOT, SOURCE_DIR

# The console script a translator runs: its sys.path does not hold the working folder, so
# source/conf.py imports build_tools only through the project's (editable) install.
SPHINX_INTL = Path(sys.executable).parent / "sphinx-intl"
STAT_LINE = re.compile(r"^(.+)/(\w+)/LC_MESSAGES/(\w+)\.po: (\d+) translated, (\d+) fuzzy, "
                       r"(\d+) untranslated\.$")


def sphinx_intl(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    if not SPHINX_INTL.is_file():
        pytest.fail(f"{SPHINX_INTL} is missing: sphinx-intl is a dependency, pip install -e .")
    env = {name: value for name, value in os.environ.items()
           if name != "PYTHONPATH" and not name.startswith("SPHINXINTL_")}
    return subprocess.run([str(SPHINX_INTL), *arguments], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def copy_locale(tmp_path: Path) -> CatalogPaths:
    locale = shutil.copytree(LOCALE_DIR, tmp_path / "locale",
                             ignore=shutil.ignore_patterns("*.mo"))
    return CatalogPaths(locale_dir=locale, pot_dir=locale / "templates")


def stat_counts(result: subprocess.CompletedProcess) -> dict[tuple[str, str], tuple[int, ...]]:
    """(language, catalog) -> (translated, fuzzy, untranslated) as sphinx-intl prints them."""
    counts = {}
    for line in result.stdout.splitlines():
        match = STAT_LINE.match(line)
        assert match, f"unexpected sphinx-intl stat line: {line!r}"
        counts[match[2], match[3]] = tuple(int(n) for n in match.groups()[3:])
    return counts


def status_in_sphinx_intl_terms(paths: CatalogPaths) -> dict[tuple[str, str], tuple[int, ...]]:
    """`invoke i18n.status`'s rows as sphinx-intl counts: a fuzzy message has a msgstr,
    so sphinx-intl counts it translated as well as fuzzy."""
    config = project_config()
    targets = [language for language in config.languages.values()
               if language.code != config.source_language]
    return {(row.language, Path(row.file).stem): (row.translated + row.fuzzy, row.fuzzy,
                                                  row.untranslated)
            for row in status(config, targets, paths) if row.file != "total"}


def test_stat_as_documented_agrees_with_status_on_the_committed_catalogs():
    result = sphinx_intl("stat", "-d", "locale", "-l", "sv,en", cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr  # conf.py imported; nothing left to do
    assert stat_counts(result) == status_in_sphinx_intl_terms(CatalogPaths())


def test_stat_agrees_with_status_on_fuzzy_and_untranslated_messages(tmp_path):
    paths = copy_locale(tmp_path)
    po = paths.po("sv", "strategia")
    text = po.read_text(encoding="utf-8")
    # One message marked for review, one emptied: both tools must see them.
    for before, after in (('msgid "Visio"\n', '#, fuzzy\nmsgid "Visio"\n'),
                          ('msgstr "Strategins vision är"\n', 'msgstr ""\n')):
        assert text.count(before) == 1, f"fixture: {before!r} not once in {po.name}"
        text = text.replace(before, after)
    po.write_text(text, encoding="utf-8")
    ours = status_in_sphinx_intl_terms(paths)
    translated, fuzzy, untranslated = ours["sv", "strategia"]
    assert fuzzy == 1 and untranslated == 1

    result = sphinx_intl("stat", "-d", str(paths.locale_dir), "-l", "sv,en", cwd=PROJECT_ROOT)
    assert result.returncode == 1  # sphinx-intl's own signal: something left to translate
    assert stat_counts(result) == ours


@pytest.fixture
def changed_source(tmp_path):
    """A copy of the sources and catalogs after an edit: one paragraph changed, one added,
    templates extracted afresh, catalogs not yet updated."""
    source = shutil.copytree(SOURCE_DIR, tmp_path / "source")
    paths = copy_locale(tmp_path)
    chapter = source / "alkusanat.rst"
    text = chapter.read_text(encoding="utf-8")
    assert "viestintäohjeen lähtökohdat.\n" in text
    chapter.write_text(text.replace("viestintäohjeen lähtökohdat.\n",
                                    "viestintäohjeen lähtökohdat ja periaatteet.\n", 1)
                       + "\nUusi kappale, jota ei ole vielä käännetty.\n", encoding="utf-8")
    extract(project_config(), paths, source)
    return tmp_path, paths


def test_update_then_invoke_update_gives_the_canonical_files(changed_source, tmp_path):
    project, paths = changed_source
    config = project_config()
    canonical = CatalogPaths(shutil.copytree(paths.locale_dir, tmp_path / "canonical"),
                             paths.pot_dir)
    update_language("sv", config, canonical)

    before = {po.name: read_catalog(po) for po in (paths.locale_dir / "sv").rglob("*.po")}
    # From the copy's root, as documented: its conf.py is found and executed there.
    result = sphinx_intl("update", "-p", "locale/templates", "-d", "locale", "-l", "sv",
                         cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Update: locale/sv/LC_MESSAGES/alkusanat.po +2, -1" in result.stdout
    assert not (paths.locale_dir / "fi" / "LC_MESSAGES" / "alkusanat.po").exists()
    rewrapped = (paths.locale_dir / "sv" / "LC_MESSAGES" / "alkusanat.po").read_text("utf-8")
    assert '"Content-Type: text/plain; charset=utf-8\\n"' in rewrapped  # babel's form

    update_language("sv", config, paths)
    for po in sorted((canonical.locale_dir / "sv").rglob("*.po")):
        ours = po.read_text(encoding="utf-8")
        theirs = (paths.locale_dir / po.relative_to(canonical.locale_dir)).read_text("utf-8")
        # sphinx-intl writes no previous msgid: the changed paragraph keeps its translation
        # (fuzzy) but not the Finnish text it was translated from. Nothing else differs.
        assert theirs == re.sub(r"^#\| .*\n", "", ours, flags=re.M), po.name
        if po.name == "alkusanat.po":
            assert "#| msgid" in ours
    after = {po.name: read_catalog(po) for po in (paths.locale_dir / "sv").rglob("*.po")}
    for name, catalog in before.items():  # no translation lost
        kept = {m.string for m in after[name] if m.id}
        assert {m.string for m in catalog if m.id and m.string} <= kept, name


def test_check_catches_what_update_writes_without_a_language(tmp_path):
    paths = copy_locale(tmp_path)
    config = project_config()
    assert check(config, paths.locale_dir) == []
    result = sphinx_intl("update", "-p", str(paths.pot_dir), "-d", str(paths.locale_dir),
                         cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr
    assert "Create: " in result.stdout
    problems = "\n".join(check(config, paths.locale_dir))
    assert "templates/LC_MESSAGES: templates/ holds the .pot templates, it is not a " \
           "language" in problems
    assert "fi/LC_MESSAGES/alkusanat.po: the 'fi' text is the original" in problems
    assert "-l sv,en`" in problems
    assert "fi/LC_MESSAGES/sphinx.po" not in problems
