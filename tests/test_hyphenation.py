"""Hyphenation: Finnish compounds break only where Finnish allows, exceptions win, WeasyPrint uses it."""

from __future__ import annotations

import io
import re

import pyphen
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from build_tools.errors import HyphenationError
from build_tools.paths import PROJECT_ROOT
from build_tools.pdf import hyphenation

FONT = PROJECT_ROOT / "source" / "_static" / "fonts" / "OpenSans-Regular.ttf"

# Every point where Finnish rules allow a break: before the consonant that starts a
# syllable, between vowels that are not a diphthong or long vowel, and at the compound
# boundary. The comments name the wrong break a syllable rule blind to compounds makes.
ALLOWED = {
    "kaupunkikonsernin": "kau-pun-ki-kon-ser-nin",
    "luottamushenkilöille": "luot-ta-mus-hen-ki-löil-le",
    "henkilöstötyytyväisyyden": "hen-ki-lös-tö-tyy-ty-väi-syy-den",
    "yritysimagon": "y-ri-tys-i-ma-gon",  # not yri-ty-si-ma-gon
    "kiertotalousasioihin": "kier-to-ta-lous-a-si-oi-hin",  # not ta-lou-sa-si-oi-hin
    "tietosuojaselosteen": "tie-to-suo-ja-se-los-teen",
    "asukasosallistuminen": "a-su-kas-o-sal-lis-tu-mi-nen",  # not a-su-ka-so-sal...
    "viestintäsuunnitelma": "vies-tin-tä-suun-ni-tel-ma",
}


def points(hyphenated: str) -> set[int]:
    return {match.start() - index for index, match in enumerate(re.finditer("-", hyphenated))}


@pytest.mark.parametrize("word", ALLOWED)
def test_finnish_compounds_break_only_at_valid_points(word):
    produced = set(hyphenation._engine_points(word, "fi"))
    assert produced, f"{word} gets no break at all"
    assert produced <= points(ALLOWED[word]), hyphenation.hyphenated(word, "fi")


def test_compound_boundaries_are_break_points():
    assert 8 in hyphenation.break_points("kaupunkikonsernin", "fi")  # kaupunki|konsernin
    assert 9 in hyphenation.break_points("luottamushenkilöille", "fi")  # luottamus|henkilöille


def test_exceptions_file_forces_and_forbids_breaks():
    assert hyphenation.hyphenated("henkilöstötyytyväisyyden", "fi") == "henkilöstö-tyytyväisyyden"
    assert hyphenation.break_points("Lappeenranta", "fi") == ()
    assert hyphenation.source_of("lappeenranta", "fi") == "hyphenation/fi-exceptions.txt"


def test_a_bad_exceptions_line_names_file_and_line(tmp_path):
    path = tmp_path / "fi-exceptions.txt"
    path.write_text("# comment\nkaupunki-konserni\nhenkilöstö tyytyväisyys\n", encoding="utf-8")
    with pytest.raises(HyphenationError, match=rf"{re.escape(str(path))}:3: .*one word a line"):
        hyphenation.read_exceptions(path)


def test_missing_voikko_says_which_debian_packages_to_install(monkeypatch):
    import libvoikko

    def missing(language):
        raise OSError("libvoikko.so.1: cannot open shared object file")

    hyphenation._voikko.cache_clear()
    monkeypatch.setattr(libvoikko, "Voikko", missing)
    try:
        with pytest.raises(HyphenationError, match="apt-get install libvoikko1 voikko-fi"):
            hyphenation.break_points("kaupunkikonsernin", "fi")
    finally:
        hyphenation._voikko.cache_clear()


def test_other_languages_use_pyphen_and_unknown_ones_fail():
    assert hyphenation.hyphenated("kommunikation", "sv").count("-") >= 3
    with pytest.raises(HyphenationError, match="no hyphenation dictionary for language 'xx'"):
        hyphenation.break_points("word", "xx")


def render_lines(text: str, width_mm: float) -> list[str]:
    """Lay out `text` in Finnish in a column `width_mm` wide; return the lines as drawn."""
    html = (f'<html lang="fi"><head><style>@font-face {{ font-family: T; src: url({FONT.as_uri()}) }}'
            f'@page {{ size: A5; margin: 10mm }} p {{ width: {width_mm}mm; font: 10pt T; '
            f'hyphens: auto; hyphenate-character: "-" }}</style></head><body><p>{text}</p></body></html>')
    with hyphenation.registered("fi", hyphenation._WORD.findall(text)):
        pdf = HTML(string=html).write_pdf()
    return [line.strip() for line in PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()]


def test_narrow_finnish_column_has_hyphenated_line_ends_at_allowed_points():
    text = " ".join(["kaupunkikonsernin luottamushenkilöille kiertotalousasioihin yritysimagon"] * 3)
    lines = render_lines(text, 28)
    broken = [line for line in lines if line.endswith("-")]
    assert broken, lines
    for line, following in zip(lines, lines[1:], strict=False):
        if line.endswith("-"):
            head = line[:-1].split()[-1]
            word = head + following.split()[0]
            assert word.lower() in ALLOWED, (line, following)
            assert len(head) in points(ALLOWED[word.lower()]), (line, following)


def test_a_name_in_the_exceptions_file_is_never_broken():
    lines = render_lines("Lappeenranta Lappeenrannan Lappeenrannassa " * 3, 18)
    words = [word for line in lines for word in line.split()]
    assert set(words) == {"Lappeenranta", "Lappeenrannan", "Lappeenrannassa"}, lines


def test_registration_is_undone_after_rendering():
    before = dict(pyphen.LANGUAGES)
    with hyphenation.registered("fi", ["kaupunki"]):
        assert "fi" in pyphen.LANGUAGES
    assert before == pyphen.LANGUAGES
