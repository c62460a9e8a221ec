"""The rules around the elements: alt text required, print resolution, collation, the
accessibility statement and its feedback address, and the handbook's own index."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from build_tools.config import load_config, project_config
from build_tools.engine.build import BuildOptions, Status, build
from build_tools.errors import BuildError, ConfigError
from build_tools.i18n.check import prepare_catalogs
from build_tools.i18n.collation import index_letter, sort_key
from build_tools.paths import CONFIG_PATH, BuildPaths
from build_tools.pdf.images import low_resolution_images
from build_tools.sphinxext import accessibility
from build_tools.sphinxext.runner import run_sphinx
from tests.test_elements import ROOT, build_project

HANDBOOK_INDEX = {
    "fi": ["kaupunkikonserni", "LPR2033", "luottamushenkilö", "strategiset kärjet", "visio"],
    "sv": ["förtroendevald", "LPR2033", "stadskoncernen", "strategiska spetsar", "vision"],
    "en": ["City of Lappeenranta Group", "elected official", "LPR2033", "strategic spearheads", "vision"],
}


def sorted_words(words: list[str], language: str) -> list[str]:
    return sorted(words, key=lambda word: sort_key(word, language))


def test_finnish_files_a_umlaut_after_z_and_w_with_v():
    words = ["Ääni", "Zeta", "Aamu", "Wiki", "Vuosi", "Verkko", "Öljy", "Åbo", "Oja", "Über"]
    assert sorted_words(words, "fi") == ["Aamu", "Oja", "Verkko", "Wiki", "Vuosi", "Über",
                                         "Zeta", "Åbo", "Ääni", "Öljy"]
    assert sorted_words(["Wiki", "Viki"], "fi") == ["Viki", "Wiki"]
    assert [index_letter(word, "fi") for word in ("Wiki", "Ääni", "Über")] == ["V", "Ä", "Y"]


def test_swedish_keeps_v_and_w_apart_and_english_ignores_the_dots():
    words = ["Wiki", "Vuosi", "Ärende", "Zoom", "Översikt", "Oljemålning"]
    assert sorted_words(words, "sv") == ["Oljemålning", "Vuosi", "Wiki", "Zoom", "Ärende",
                                         "Översikt"]
    assert sorted_words(["Ärende", "Zoom", "Apple"], "en") == ["Apple", "Ärende", "Zoom"]
    assert index_letter("Ärende", "en") == "A"


def project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT, root)
    return root


@pytest.mark.slow
def test_figure_without_alt_text_fails_naming_the_file_and_line(tmp_path):
    root = project_copy(tmp_path)
    chapter = root / "source" / "kuvat.rst"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "   :alt: Tasainen sininen pinta.\n", ""), encoding="utf-8")
    line = next(number for number, text in enumerate(
        chapter.read_text(encoding="utf-8").splitlines(), 1) if "valokuva.png" in text)
    with pytest.raises(BuildError) as error:
        run_sphinx("html", "fi", tmp_path / "html", tmp_path / "doctrees",
                   source_dir=root / "source")
    message = str(error.value)
    assert re.search(rf"kuvat\.rst:{line}\b.*valokuva\.png", message), message
    assert ":alt:" in message


@pytest.mark.slow
def test_low_resolution_image_is_reported_at_its_printed_size(tmp_path, caplog):
    root = project_copy(tmp_path)
    Image.new("RGB", (120, 60), (0, 90, 156)).save(root / "source" / "kuvat" / "valokuva.png")
    with caplog.at_level(logging.WARNING, logger="build_tools.pdf.render"):
        outputs = build_project(root, languages=("fi",))
    warnings = [r.getMessage() for r in caplog.records if r.name == "build_tools.pdf.render"]
    assert any("print.pdf" in w and "120x60 px" in w and "76 dpi" in w for w in warnings), \
        warnings
    assert not list(low_resolution_images(outputs["fi"]["screen"], minimum_dpi=10))


@pytest.fixture(scope="module")
def statement_sites(tmp_path_factory):
    """The test chapters' site in each language, with a feedback address declared."""
    root = tmp_path_factory.mktemp("statement") / "project"
    shutil.copytree(ROOT, root)
    text = CONFIG_PATH.read_text(encoding="utf-8").replace(
        '[languages.fi]', 'feedback_email = "saavutettavuus@example.fi"\n\n[languages.fi]', 1)
    (root / "handbook.toml").write_text(text, encoding="utf-8")
    conf = root / "source" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nfrom build_tools.config import load_config"
                    f"\nhandbook_config = load_config({str(root / 'handbook.toml')!r})\n",
                    encoding="utf-8")
    sites = {}
    for language in ("fi", "sv", "en"):
        prepare_catalogs(language)
        if language != "fi":
            prepare_catalogs(language, root / "locale")
        sites[language] = root / "build" / language
        run_sphinx("html", language, sites[language], root / "doctrees" / language,
                   source_dir=root / "source")
    return sites


STATEMENT = {"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande",
             "en": "Accessibility statement"}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_site_has_an_accessibility_statement_from_the_build(statement_sites, language):
    page = (statement_sites[language] / "saavutettavuus.html").read_text(encoding="utf-8")
    assert f"<h1>{STATEMENT[language]}</h1>" in page
    assert "WCAG 2.1" in page and "EN 301 549" in page and "PDF/UA-1" in page
    assert 'href="mailto:saavutettavuus@example.fi"' in page
    # The site checks of this Sphinx run and the known gaps; no PDF check run recorded.
    assert page.count("<li>") >= 3 + 3
    assert 'href="https://lvv.fi/"' in page
    # Every page of the site links to it.
    index = (statement_sites[language] / "index.html").read_text(encoding="utf-8")
    assert 'href="saavutettavuus.html"' in index and 'href="genindex.html"' in index


@pytest.mark.slow
def test_statement_states_the_source_date_and_the_untranslated_images(statement_sites):
    page = (statement_sites["en"] / "saavutettavuus.html").read_text(encoding="utf-8")
    assert "2 images are in suomi" in page
    assert re.search(r"sources dated \w+ \d+, \d{4}|sources dated \d+ \w+ \d{4}", page)


@pytest.mark.slow
def test_statement_lists_exactly_the_checks_a_screen_pdf_passes(tmp_path):
    from build_tools.pdf.accessibility_gate import checks_before_publishing
    from build_tools.pdf.checks import Expectation, chapter_titles
    from build_tools.pdf.hyphenation import document_words

    outputs = build_project(tmp_path / "project", languages=("fi",))
    config = project_config()
    screen = config.variants["screen"]
    html_file = outputs["fi"]["print_html"]
    names = checks_before_publishing(outputs["fi"]["screen"], Expectation(
        screen, "fi", "A4", chapter_titles(html_file), frozenset(document_words(html_file))),
        html_file)
    # Every check the gate names is one the statement can describe to readers.
    clauses = {name for name in names if name.startswith("PDF/UA 7")}
    assert set(names) - clauses == set(accessibility.pdf_checks())
    assert {accessibility.described(name) for name in clauses} == {
        name.split(":")[0] for name in clauses}


def test_release_refuses_a_language_without_a_feedback_address(tmp_path):
    config = project_config()
    assert not any(language.feedback_email for language in config.languages.values())
    outcomes = build(config, config.select_languages("sv"), [],
                     BuildOptions(paths=BuildPaths(tmp_path), release=True,
                                  allow_incomplete=True))
    assert [outcome.status for outcome in outcomes] == [Status.REFUSED]
    assert "feedback_email" in outcomes[0].error
    assert not (tmp_path / "html" / "sv").exists()


def test_feedback_address_is_checked_and_a_language_may_override_it(tmp_path):
    text = CONFIG_PATH.read_text(encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(text.replace('[languages.sv]\nname = "svenska"',
                                 '[languages.sv]\nname = "svenska"\n'
                                 'feedback_email = "respons@example.fi"')
                    .replace('source_language = "fi"',
                             'source_language = "fi"\nfeedback_email = "palaute@example.fi"'),
                    encoding="utf-8")
    config = load_config(good)
    assert config.languages["fi"].feedback_email == "palaute@example.fi"
    assert config.languages["sv"].feedback_email == "respons@example.fi"
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('source_language = "fi"',
                                'source_language = "fi"\nfeedback_email = "palaute at city"'),
                   encoding="utf-8")
    line = bad.read_text(encoding="utf-8").splitlines().index(
        'feedback_email = "palaute at city"') + 1
    with pytest.raises(ConfigError, match=rf"bad\.toml:{line}: .*not an e-mail address"):
        load_config(bad)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_handbooks_own_index_in_each_language(tmp_path, language):
    prepare_catalogs(language)
    outdir = tmp_path / "print"
    run_sphinx("handbookprint", language, outdir, tmp_path / "doctrees", tags=("employees",))
    text = (outdir / "index.html").read_text(encoding="utf-8")
    section = text[text.index('<section class="book-index"'):]
    section = section[:section.index("</section>")]
    terms = [re.sub(r"\s+", " ", term).strip()
             for term in re.findall(r"<li>([^<]+)<a class=\"index-page\"", section)]
    assert terms == HANDBOOK_INDEX[language]
    anchors = re.findall(r'class="index-page" href="#([^"]+)"', section)
    assert anchors and all(f'id="{anchor}"' in text for anchor in anchors)
    site = tmp_path / "site"
    run_sphinx("html", language, site, tmp_path / "doctrees-site")
    page = (site / "genindex.html").read_text(encoding="utf-8")
    genindex = re.sub(r"<[^>]+>", " ", page[page.index("<article"):])
    positions = [genindex.find(term) for term in HANDBOOK_INDEX[language]]
    assert -1 not in positions and positions == sorted(positions)
