"""The shared glossary: the check catches a wrong term (inflected Finnish included); status counts words."""

from __future__ import annotations

import csv

from build_tools.config import load_config
from build_tools.i18n.catalogs import read_catalog
from build_tools.i18n.glossary import (
    check_glossary,
    export_for_weblate,
    glossary_problems,
    load_glossary,
)
from build_tools.i18n.status import language_progress, word_count
from tests.test_i18n_catalogs import extract_and_update, project, translate  # noqa: F401

TRUSTEES = "Tämä opas on tarkoitettu Lappeenrannan kaupungin luottamushenkilöille."
CITY_GROUP = "Ohje koskee koko kaupunkikonsernia ja sen strategisia kärkiä."


def test_a_wrong_term_is_caught_with_file_line_and_msgid(project):  # noqa: F811
    source, paths = project
    (source / "index.rst").write_text(f"Otsikko\n=======\n\n{TRUSTEES}\n\n{CITY_GROUP}\n",
                                      encoding="utf-8")
    po = extract_and_update(source, paths, load_config())
    translate(po, {TRUSTEES: "Den här guiden är avsedd för förtroendemännen i Lappeenranta.",
                   CITY_GROUP: "Anvisningen gäller hela stadskoncernen och dess strategiska "
                               "spetsar."})
    line = read_catalog(po)[TRUSTEES].lineno
    problems = glossary_problems(po, "sv", "fi", load_glossary())
    assert [p.split(": glossary: ")[1] for p in problems] == [
        "'Lappeenrannan kaupunki' is 'Villmanstrands stad' in sv (locale/glossary.csv:2)",
        "'Lappeenranta' is 'Villmanstrand' in sv (locale/glossary.csv:3)",
        "'luottamushenkilö' is 'förtroendevald' in sv (locale/glossary.csv:5)",
    ]
    assert all(p.startswith(f"{po}:{line}: msgid 'Tämä opas on tarkoitettu") for p in problems)
    translate(po, {TRUSTEES: "Den här guiden är avsedd för Villmanstrands stads förtroendevalda."})
    assert glossary_problems(po, "sv", "fi", load_glossary()) == []


def test_a_broken_catalog_leaves_the_others_glossary_problems_reported(project):  # noqa: F811
    """`invoke i18n.check` lists every problem: a catalog that does not parse (the
    catalog check names its line) no longer stops the glossary check of the others."""
    source, paths = project
    (source / "index.rst").write_text(f"Otsikko\n=======\n\n{TRUSTEES}\n", encoding="utf-8")
    po = extract_and_update(source, paths, load_config())
    translate(po, {TRUSTEES: "Den här guiden är avsedd för förtroendemännen."})
    broken = po.with_name("aaa.po")
    broken.write_text('msgid "Hei"\nmsgstr "Hej\n', encoding="utf-8")
    problems = check_glossary(["fi", "sv"], "fi", paths.locale_dir)
    assert len(problems) == 3 and all(p.startswith(f"{po}:") for p in problems)
    assert "'luottamushenkilö' is 'förtroendevald' in sv" in problems[-1]


def test_the_projects_translations_use_the_glossary():
    config = load_config()
    assert check_glossary(list(config.languages), config.source_language) == []


def test_the_glossary_exports_for_weblate(tmp_path):
    written = export_for_weblate("sv", "fi", tmp_path / "sv.csv")
    rows = list(csv.DictReader(written.open(encoding="utf-8")))
    assert {"source": "luottamushenkilö", "target": "förtroendevald"}.items() <= next(
        row for row in rows if row["source"] == "luottamushenkilö").items()
    assert len(rows) == len(load_glossary())


def test_status_counts_words_as_well_as_messages(project):  # noqa: F811
    source, paths = project
    (source / "index.rst").write_text(f"Otsikko\n=======\n\n{TRUSTEES}\n\n{CITY_GROUP}\n",
                                      encoding="utf-8")
    po = extract_and_update(source, paths, load_config())
    translate(po, {TRUSTEES: "Den här guiden är avsedd för Villmanstrands stads förtroendevalda."})
    row, _total = language_progress("sv", load_config(), paths)
    assert (row.translated, row.untranslated) == (1, 2)
    assert word_count(TRUSTEES) == 7 and word_count("LPR2033 -strategian") == 2
    assert row.translated_words == 7
    assert row.untranslated_words == word_count("Otsikko") + word_count(CITY_GROUP) == 9
