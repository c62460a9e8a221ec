"""The translators' workflow on a small fixture project: extract, update, status, check, compile."""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from build_tools.config import CONFIG_PATH, load_config
from build_tools.errors import TranslationError
from build_tools.i18n import compile as i18n_compile
from build_tools.i18n import extract as i18n_extract
from build_tools.i18n import languages as i18n_languages
from build_tools.i18n import update as i18n_update
from build_tools.i18n.catalogs import CatalogPaths, read_catalog, render_catalog
from build_tools.i18n.check import check, check_file
from build_tools.i18n.status import as_json, below, language_progress, release_gate, table

FIRST = "Ensimmäinen kappale kertoo, mihin kaupungin viestinnällä pyritään."
FIRST_CHANGED = "Ensimmäinen kappale kertoo, mihin kaupungin viestinnällä pyritään arjessa."
SECOND = "Toinen kappale viittaa lukuun :doc:`index` ja on sen vuoksi tärkeä."
THIRD = "Kolmas kappale poistetaan myöhemmin kokonaan, eikä sitä enää tarvita."
LONG = ("Pitkä kappale, joka rivitetään eri työkaluissa eri tavoin, koska sen pituus "
        "ylittää selvästi tavallisen rivinleveyden ja sisältää monta sanaa peräkkäin.")
TRANSLATIONS = {
    "Otsikko": "Rubrik",
    FIRST: "Första stycket berättar vad stadens kommunikation strävar efter.",
    SECOND: "Andra stycket hänvisar till kapitlet :doc:`index` och är därför viktigt.",
    THIRD: "Tredje stycket tas senare bort helt och behövs inte längre.",
    LONG: ("Ett långt stycke som radbryts olika i olika verktyg, eftersom dess längd "
           "tydligt överskrider den vanliga radbredden och innehåller många ord i följd."),
}


@pytest.fixture
def project(tmp_path):
    """A tiny Sphinx project in Finnish, with its own locale and template folders."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(textwrap.dedent("""\
        language = "fi"
        gettext_compact = False
        gettext_uuid = False
        gettext_location = True
    """), encoding="utf-8")
    paths = CatalogPaths(locale_dir=tmp_path / "locale", pot_dir=tmp_path / "build" / "gettext")
    return source, paths


def write_source(source: Path, *paragraphs: str) -> None:
    index = source / "index.rst"
    index.write_text("Otsikko\n=======\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    # A later second may be the same second; Sphinx compares modification times.
    stamp = index.stat().st_mtime + 2
    os.utime(index, (stamp, stamp))


def extract_and_update(source: Path, paths: CatalogPaths, config) -> Path:
    i18n_extract.extract_documents(paths.pot_dir, config.source_language, source)
    i18n_update.update_language("sv", config, paths)
    return paths.po("sv", "index")


def translate(po: Path, translations: dict[str, str]) -> None:
    catalog = read_catalog(po, locale="sv")
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
    po.write_bytes(render_catalog(catalog))


def gnu_entries(po: Path, option: str) -> str:
    """msgattrib's view (GNU gettext, independent of babel) of the fuzzy or obsolete entries."""
    if not shutil.which("msgattrib"):
        pytest.skip("GNU gettext (msgattrib) is not installed")
    return subprocess.run(["msgattrib", option, "--no-wrap", str(po)], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def translated(project):
    """The fixture project extracted, updated and fully translated into Swedish."""
    source, paths = project
    config = load_config()
    write_source(source, FIRST, SECOND, THIRD)
    po = extract_and_update(source, paths, config)
    translate(po, TRANSLATIONS)
    return source, paths, config, po


def test_update_keeps_changed_messages_fuzzy_and_removed_ones_obsolete(translated):
    source, paths, config, po = translated
    write_source(source, FIRST_CHANGED, SECOND)
    extract_and_update(source, paths, config)

    catalog = read_catalog(po, locale="sv")
    changed = catalog[FIRST_CHANGED]
    assert changed.fuzzy and changed.string == TRANSLATIONS[FIRST]
    assert changed.previous_id == [FIRST]
    assert not catalog[SECOND].fuzzy and catalog[SECOND].string == TRANSLATIONS[SECOND]
    assert THIRD not in catalog and catalog.obsolete[THIRD].string == TRANSLATIONS[THIRD]

    fuzzy = gnu_entries(po, "--only-fuzzy")
    assert f'#| msgid "{FIRST}"' in fuzzy and f'msgstr "{TRANSLATIONS[FIRST]}"' in fuzzy
    obsolete = gnu_entries(po, "--only-obsolete")
    assert f'#~ msgid "{THIRD}"' in obsolete and f'#~ msgstr "{TRANSLATIONS[THIRD]}"' in obsolete

    # The paragraph comes back: its translation is restored, not lost and not fuzzy.
    write_source(source, FIRST_CHANGED, SECOND, THIRD)
    extract_and_update(source, paths, config)
    catalog = read_catalog(po, locale="sv")
    assert catalog[THIRD].string == TRANSLATIONS[THIRD] and not catalog[THIRD].fuzzy
    assert THIRD not in catalog.obsolete


def test_update_without_source_changes_writes_nothing(translated):
    source, paths, config, po = translated
    before = po.read_bytes()
    i18n_extract.extract_documents(paths.pot_dir, config.source_language, source)
    assert i18n_update.update_language("sv", config, paths) == []
    assert po.read_bytes() == before


def test_a_file_rewrapped_by_msgcat_comes_back_canonical(project):
    if not shutil.which("msgcat"):
        pytest.skip("GNU gettext (msgcat) is not installed")
    source, paths = project
    config = load_config()
    write_source(source, FIRST, LONG)
    po = extract_and_update(source, paths, config)
    translate(po, TRANSLATIONS)
    canonical = po.read_bytes()
    subprocess.run(["msgcat", "--width=50", "-o", str(po), str(po)], check=True)
    assert po.read_bytes() != canonical, "msgcat should wrap differently"
    i18n_update.update_language("sv", config, paths)
    assert po.read_bytes() == canonical


def test_status_counts_translated_fuzzy_and_untranslated(translated):
    source, paths, config, po = translated
    catalog = read_catalog(po, locale="sv")
    catalog[SECOND].flags.add("fuzzy")
    catalog[THIRD].string = ""
    po.write_bytes(render_catalog(catalog))
    write_source(source, FIRST, SECOND, THIRD, LONG)  # new in the source, not yet in the .po
    i18n_extract.extract_documents(paths.pot_dir, config.source_language, source)

    rows = language_progress("sv", config, paths)
    row, total = rows
    assert (row.translated, row.fuzzy, row.untranslated) == (2, 1, 2)
    assert total.file == "total" and total.percent == pytest.approx(40.0)
    assert "sv" in table(rows) and "40.0" in table(rows)
    assert json.loads(as_json(rows))[0]["fuzzy"] == 1
    assert below(rows, 50) == [total] and below(rows, 40) == []
    refusal = release_gate(config, [config.languages["sv"]], paths)["sv"]
    second, third = _line_of(po, 'msgid "Toinen'), _line_of(po, 'msgid "Kolmas')
    assert refusal.percent == pytest.approx(40.0)
    assert refusal.missing == (
        f"{po}:{second}: fuzzy: {SECOND[:57] + '...'!r}",
        f"{po}:{third}: untranslated: {THIRD[:57] + '...'!r}",
        f"{po} (not in the file yet: run `invoke i18n.update --lang sv`): untranslated: "
        f"{LONG[:57] + '...'!r}",
    )
    assert "--allow-incomplete" in refusal.describe()


def test_compiled_catalog_leaves_fuzzy_out_and_is_rewritten_only_when_changed(translated):
    _, paths, _, po = translated
    catalog = read_catalog(po, locale="sv")
    catalog[SECOND].flags.add("fuzzy")
    po.write_bytes(render_catalog(catalog))
    assert i18n_compile.compile_catalogs(["sv"], paths.locale_dir) == [po.with_suffix(".mo")]
    assert i18n_compile.compile_catalogs(["sv"], paths.locale_dir) == []
    translation = gettext.translation("index", paths.locale_dir, ["sv"])
    assert translation.gettext(FIRST) == TRANSLATIONS[FIRST]
    assert translation.gettext(SECOND) == SECOND  # fuzzy: falls back to Finnish
    os.utime(po, (po.stat().st_mtime + 5,) * 2)  # touched, same text: nothing to write
    assert i18n_compile.compile_catalogs(["sv"], paths.locale_dir) == []
    assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime  # Sphinx leaves it


def test_a_catalog_copied_in_with_an_older_time_is_compiled(translated):
    """A .po copied in with its own modification time kept (cp -p, unzip) is older than
    the .mo of the last build: it must still be compiled, or the build shows the old text."""
    _, paths, _, po = translated
    i18n_compile.compile_catalogs(["sv"], paths.locale_dir)
    mo = po.with_suffix(".mo")
    stamp = mo.stat().st_mtime - 3600
    translate(po, {FIRST: "Det första stycket är nytt."})
    os.utime(po, (stamp, stamp))
    assert i18n_compile.compile_catalogs(["sv"], paths.locale_dir) == [mo]
    translation = gettext.translation("index", paths.locale_dir, ["sv"])
    assert translation.gettext(FIRST) == "Det första stycket är nytt."
    assert i18n_compile.compile_catalogs(["sv"], paths.locale_dir) == []


def test_the_compiled_catalog_of_a_deleted_po_is_removed(translated):
    """A .mo left behind by a deleted .po (a broken translation removed to fall back to
    Finnish, a branch without it) would go on translating the build."""
    _, paths, _, po = translated
    i18n_compile.compile_catalogs(["sv"], paths.locale_dir)
    assert i18n_compile.remove_orphan_catalogs("sv", paths.locale_dir) == []
    po.unlink()
    assert i18n_compile.remove_orphan_catalogs("sv", paths.locale_dir) == [
        po.with_suffix(".mo")]
    assert not po.with_suffix(".mo").exists()
    assert gettext.translation("index", paths.locale_dir, ["sv"], fallback=True).gettext(
        FIRST) == FIRST


def _line_of(po: Path, text: str) -> int:
    return next(i for i, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_check_accepts_the_projects_translations():
    assert check(load_config()) == []


def test_check_reports_a_catalog_the_build_never_reads(tmp_path):
    """A translated file saved under another name passed the check, and the build showed
    the chapter in Finnish."""
    locale = tmp_path / "locale"
    shutil.copytree(CatalogPaths().locale_dir, locale)
    po = locale / "sv" / "LC_MESSAGES" / "strategia.po"
    po.rename(po.with_name("viestintaohje-strategia-sv.po"))
    [problem] = check(load_config(), locale)
    assert problem.startswith(f"{po.with_name('viestintaohje-strategia-sv.po')}: no template "
                              "viestintaohje-strategia-sv.pot, so the build never reads")
    assert "strategia.po)" in problem


def test_check_reports_a_syntax_error_with_file_and_line(translated):
    *_, po = translated
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(f'"{TRANSLATIONS[FIRST]}"', f'"{TRANSLATIONS[FIRST]}'),
                  encoding="utf-8")
    line = _line_of(po, TRANSLATIONS[FIRST])
    [problem] = check_file(po, "sv")
    assert problem.startswith(f"{po}:{line}: not a valid .po line")


def test_check_reports_a_dropped_reference_with_file_line_and_msgid(translated):
    *_, po = translated
    translate(po, {SECOND: "Andra stycket hänvisar till kapitlet om index."})
    line = _line_of(po, 'msgid "Toinen kappale')
    [problem] = check_file(po, "sv")
    assert problem.startswith(f"{po}:{line}: msgid 'Toinen kappale")
    assert "drops role :doc:`index`" in problem


def test_check_reports_broken_markup_and_lost_placeholders(translated):
    *_, po = translated
    translate(po, {FIRST: "Första **stycket berättar vad kommunikationen strävar efter."})
    [problem] = check_file(po, "sv")
    assert "breaks the markup" in problem and "strong start-string" in problem
    labels = po.with_name("handbook.po")
    labels.write_text('msgid ""\nmsgstr ""\n"Language: sv\\n"\n'
                      '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Tehty työkalulla %(tool)s"\nmsgstr "Skapad med verktyget"\n',
                      encoding="utf-8")
    [problem] = check_file(labels, "sv")
    assert problem.startswith(f"{labels}:6:") and "placeholders differ" in problem


def test_check_reports_inconsistent_headers(translated):
    *_, po = translated
    po.write_text(po.read_text(encoding="utf-8").replace("Language: sv", "Language: en"),
                  encoding="utf-8")
    [problem] = check_file(po, "sv")
    assert "header Language is 'en'" in problem and "set it to 'sv'" in problem
    line = _line_of(po, '"Language: en')
    assert problem.startswith(f"{po}:{line}: ")  # the header's line, not line 1


def test_add_language_creates_catalogs_and_declares_it(tmp_path):
    config_path = tmp_path / "handbook.toml"
    original = CONFIG_PATH.read_text(encoding="utf-8")
    config_path.write_text(original, encoding="utf-8")
    config = load_config(config_path)
    paths = CatalogPaths(locale_dir=tmp_path / "locale", pot_dir=tmp_path / "gettext")

    written = i18n_languages.add_language("de", config, paths=paths)

    new = load_config(config_path)
    assert list(new.languages)[-1] == "de" and new.languages["de"].name == "Deutsch"
    text = config_path.read_text(encoding="utf-8")
    assert text.replace('\n[languages.de]\nname = "Deutsch"\n', "", 1) == original
    assert {p.stem for p in written} == {p.stem for p in paths.templates()}
    ui = read_catalog(paths.po("de", "sphinx"), locale="de")
    assert ui["Search"].string == "Suche"  # prefilled from Sphinx's own German catalog
    assert check_file(paths.po("de", "index"), "de") == []
    with pytest.raises(TranslationError, match="already declared"):
        i18n_languages.add_language("de", new, paths=paths)
    with pytest.raises(TranslationError, match="unknown language code 'qq'"):
        i18n_languages.add_language("qq", new, paths=paths)


@pytest.mark.slow  # two site builds of a project copy in subprocesses
def test_a_deleted_po_falls_back_in_the_next_build(tmp_path):
    """The site kept the deleted catalog's translation: its .mo stayed, and once that is
    removed Sphinx's saved documents still held the translated text."""
    from benchmarks.stressbook import copy_project
    from tests.project_copy import invoke

    project = copy_project(tmp_path / "project")
    chapter = project / "build" / "html" / "sv" / "alkusanat.html"
    assert invoke(project, "html", "--lang", "sv", "--jobs", "1").returncode == 0
    assert "<h1>Förord" in chapter.read_text(encoding="utf-8")
    (project / "locale" / "sv" / "LC_MESSAGES" / "alkusanat.po").unlink()
    result = invoke(project, "html", "--lang", "sv", "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r'<h1 lang="fi">Alkusanat', chapter.read_text(encoding="utf-8"))
