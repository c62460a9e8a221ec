"""The accessibility statement states the checks of the build that made it, read from the
record of the last check run, and names the supervisory authority declared in handbook.toml."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from build_tools.check_record import RECORD_ENV, RECORD_NAME, CheckedPdf, read_record, write_record
from build_tools.config import load_config, project_config
from build_tools.engine.build import BuildOptions, Status, build
from build_tools.errors import ConfigError
from build_tools.i18n.check import prepare_catalogs
from build_tools.paths import CONFIG_PATH, BuildPaths
from build_tools.sphinxext.accessibility import described, pdf_checks
from build_tools.sphinxext.runner import run_sphinx

EPOCH_2026_03_02 = 1772409600
EPOCH_2026_05_04 = 1777852800
CLAUSE = "PDF/UA 7.9, Matterhorn 19-003/19-004: footnotes tagged Note with a unique ID"


def statement_text(site: Path) -> str:
    page = (site / "saavutettavuus.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="saavutettavuus"'):]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", section[:section.index("</section>")]))
                    .split())


def build_site(tmp_path: Path, language: str = "fi") -> Path:
    prepare_catalogs(language)
    site = tmp_path / "html" / language
    run_sphinx("html", language, site, tmp_path / "doctrees" / language)
    return site


@pytest.mark.slow
def test_statement_changes_with_the_recorded_check_run(tmp_path, monkeypatch):
    record = tmp_path / RECORD_NAME
    monkeypatch.setenv(RECORD_ENV, str(record))
    site = build_site(tmp_path)
    assert "ei ole kirjattu yhtään PDF-tiedostojen tarkistusajoa" in statement_text(site)

    write_record(tmp_path, [
        CheckedPdf("pdf/a-fi-screen.pdf", "fi", ("fonts embedded", CLAUSE), EPOCH_2026_05_04,
                   "abc"),
        CheckedPdf("pdf/b-fi-screen.pdf", "fi", ("fonts embedded", "tagged structure", CLAUSE),
                   EPOCH_2026_03_02, "abc"),
        CheckedPdf("pdf/a-sv-screen.pdf", "sv", ("bookmarks match chapters",), EPOCH_2026_05_04,
                   "abc")])
    text = statement_text(build_site(tmp_path))
    assert "lähteiden päiväys 2. maaliskuuta 2026" in text  # the older of the two runs
    assert "a-fi-screen.pdf, b-fi-screen.pdf" in text and "a-sv-screen.pdf" not in text
    assert str(pdf_checks()["fonts embedded"]) in text and "PDF/UA 7.9, Matterhorn 19-003/19-004" in text
    # Only what every listed PDF passed, and nothing the record does not hold.
    assert str(pdf_checks()["tagged structure"]) not in text
    assert str(pdf_checks()["bookmarks match chapters"]) not in text

    write_record(tmp_path, [CheckedPdf("pdf/a-fi-screen.pdf", "fi", ("tagged structure",),
                                       EPOCH_2026_05_04, "def")])
    text = statement_text(build_site(tmp_path))
    assert "lähteiden päiväys 4. toukokuuta 2026" in text
    assert str(pdf_checks()["tagged structure"]) in text
    assert str(pdf_checks()["fonts embedded"]) not in text and "19-003" not in text


@pytest.mark.slow
def test_a_build_states_the_checks_its_own_pdfs_passed_and_then_rests(tmp_path):
    """The site waits for the PDFs of its language: one build states their checks, and the
    next build has nothing to do."""
    config = project_config()
    options = BuildOptions(paths=BuildPaths(tmp_path), jobs=2,
                           variants=[config.variants["screen"]])
    outcomes = build(config, config.select_languages("fi"), config.select_editions("trustees"),
                     options)
    assert {outcome.status for outcome in outcomes} == {Status.BUILT}
    record = read_record(tmp_path / RECORD_NAME)
    assert [pdf.path for pdf in record] == ["pdf/viestintaohje-trustees-fi-screen.pdf"]
    assert CLAUSE in record[0].checks and "fonts embedded" in record[0].checks
    text = statement_text(tmp_path / "html" / "fi")
    assert "viestintaohje-trustees-fi-screen.pdf" in text
    assert all(described(name) in text for name in record[0].checks)
    again = build(config, config.select_languages("fi"), config.select_editions("trustees"),
                  options)
    assert {outcome.status for outcome in again} == {Status.UP_TO_DATE}


@pytest.mark.slow
@pytest.mark.parametrize("language, name", [("fi", "Lupa- ja valvontavirasto"),
                                            ("sv", "Tillstånds- och tillsynsverket")])
def test_statement_names_the_supervisory_authority_from_handbook_toml(tmp_path, language, name):
    supervision = project_config().supervision
    assert supervision is not None
    site = build_site(tmp_path, language)
    page = (site / "saavutettavuus.html").read_text(encoding="utf-8")
    assert name in statement_text(site)
    assert f'href="{supervision.url}"' in page and f'href="{supervision.contact}"' in page


@pytest.mark.parametrize("table, message", [
    ('[supervision]\nname = "Virasto"\nurl = "lvv.fi"\n', "url 'lvv.fi' in [supervision]"),
    ('[supervision]\nname = "Virasto"\nurl = "https://lvv.fi/"\ncontact = "soita meille"\n',
     "contact 'soita meille' in [supervision] is not an e-mail address, a telephone"),
    ('[supervision]\nurl = "https://lvv.fi/"\n', "[supervision] is missing name"),
])
def test_supervisory_authority_is_checked_naming_the_line(tmp_path, table, message):
    text = re.sub(r"\[supervision\]\n(?:[a-z]+ = .*\n)+", table,
                  CONFIG_PATH.read_text(encoding="utf-8"))
    path = tmp_path / "handbook.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert re.search(r"handbook\.toml:\d+: ", str(error.value))
    assert message in str(error.value)


def test_release_refuses_without_a_supervisory_authority(tmp_path):
    text = re.sub(r"\[supervision\]\n(?:[a-z]+ = .*\n)+", "", CONFIG_PATH.read_text(
        encoding="utf-8")).replace('source_language = "fi"',
                                   'source_language = "fi"\nfeedback_email = "p@example.fi"')
    path = tmp_path / "handbook.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    outcomes = build(config, config.select_languages("sv"), [],
                     BuildOptions(paths=BuildPaths(tmp_path / "build"), release=True,
                                  allow_incomplete=True))
    assert [outcome.status for outcome in outcomes] == [Status.REFUSED]
    assert "[supervision]" in outcomes[0].error and "feedback_email" not in outcomes[0].error
