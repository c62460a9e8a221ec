"""Hyphenation: Finnish compounds break only where Finnish allows, as libvoikko would; exceptions win."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pyphen
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from build_tools.errors import HyphenationError, MissingDependency
from build_tools.paths import CONFIG_PATH, PROJECT_ROOT, SOURCE_DIR
from build_tools.pdf import finnish, hyphenation
from tests.building import hyphenating

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


def test_missing_pyvoikko_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyvoikko", None)  # an import of it fails
    finnish._transducer.cache_clear()
    hyphenation._engine_points.cache_clear()
    try:
        with pytest.raises(MissingDependency, match="needs the Python package pyvoikko: pip install"):
            hyphenation.break_points("kaupunkikonsernin", "fi")
    finally:
        finnish._transducer.cache_clear()
        hyphenation._engine_points.cache_clear()


def test_the_transducer_loads_once_and_each_word_is_analysed_once(monkeypatch):
    hyphenation._engine_points.cache_clear()
    calls = []
    monkeypatch.setattr(finnish, "break_points", lambda word: calls.append(word) or (3,))
    for _ in range(3):
        hyphenation.break_points("viestintäsuunnitelma", "fi")
    assert calls == ["viestintäsuunnitelma"]
    monkeypatch.undo()
    hyphenation._engine_points.cache_clear()
    finnish.break_points("kaupunki")
    finnish.break_points("konserni")
    loads = finnish._transducer.cache_info()
    assert loads.misses <= 1 and loads.hits >= 1


def test_the_transducer_is_freed_before_the_layout_and_breaks_the_same_after_reloading():
    # The layout is when a render's memory peaks: the ~216 MB transducer is gone by then.
    words = ["viestintäsuunnitelma", "kaupunkikonsernin"]
    finnish._transducer.cache_clear()
    hyphenation._engine_points.cache_clear()
    first = [finnish.pattern(word) for word in words]
    with hyphenating("fi", words) as dictionary:
        assert finnish._transducer.cache_info().currsize == 0
        assert "1" in dictionary.read_text(encoding="utf-8")
    assert [finnish.pattern(word) for word in words] == first  # read again from its file


def lone_vowels(hyphenated: str) -> list[str]:
    """The pieces between break points that are one vowel: a line would end or start with it."""
    pieces = hyphenated.split("-")
    return [piece for piece in pieces if len(pieces) > 1 and len(piece) == 1 and piece in finnish.VOWELS]


def test_no_finnish_break_leaves_a_single_vowel():
    assert lone_vowels("kai-ken-i-käis-ten") == ["i"]  # allows kaikeni-käisten: caught
    assert hyphenation.hyphenated("kaikenikäisten", "fi") == "kai-ken-ikäis-ten"
    ugly = {word: hyphenation.hyphenated(word, "fi") for word in handbook_words()
            if lone_vowels(hyphenation.hyphenated(word, "fi"))}
    assert not ugly, ugly


def test_words_longer_than_the_limit_are_never_broken():
    word = "kaupunki" * 9  # 72 letters
    assert hyphenation.break_points(word[:64], "fi")
    assert hyphenation.break_points(word, "fi") == ()
    assert "never broken" in hyphenation.source_of(word, "fi")


def test_english_breaks_are_british_and_confirmed_by_american_patterns():
    assert hyphenation.hyphenated("communications", "en") == "com-mu-nica-tions"  # not communic-ations
    assert "-" not in hyphenation.hyphenated("results", "en")  # British alone: res-ults
    assert hyphenation.source_of("communications", "en") == "pyphen hyph_en_GB.dic, where hyph_en_US.dic agrees"


def handbook_words() -> set[str]:
    """Every word of the Finnish sources: the chapters and the declared titles."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SOURCE_DIR.glob("*.rst"))]
    texts.append(CONFIG_PATH.read_text(encoding="utf-8"))
    return {word for text in texts for word in hyphenation._WORD.findall(text)}


def libvoikko_problem() -> str | None:
    """Why libvoikko cannot be compared with here, or None. Tried in a child process: a
    Voikko that fails half-way through its constructor raises again when collected."""
    probe = subprocess.run([sys.executable, "-c", "import libvoikko; libvoikko.Voikko('fi')"],
                           capture_output=True, text=True, timeout=60)
    errors = re.findall(r"^[\w.]*(?:Error|Exception): .*$", probe.stderr, re.M)
    return (errors[0] if errors else "libvoikko failed") if probe.returncode else None


def test_pyvoikko_breaks_every_handbook_word_where_libvoikko_does():
    """The pure-Python path against libvoikko and Debian's voikko-fi, where they are installed."""
    problem = libvoikko_problem()
    if problem:
        pytest.skip(f"no libvoikko to compare with ({problem}); pip install libvoikko and "
                    "apt-get install libvoikko1 voikko-fi")
    import libvoikko

    voikko = libvoikko.Voikko("fi")
    voikko.setNoUglyHyphenation(True)
    try:
        words = handbook_words()
        theirs = {word: tuple(i for i, mark in enumerate(voikko.getHyphenationPattern(word))
                              if mark == "-") for word in words}
    finally:
        voikko.terminate()
    differ = {word: (points, finnish.break_points(word)) for word, points in theirs.items()
              if points != finnish.break_points(word)}
    assert len(words) > 400
    assert not differ, differ


def render_lines(text: str, width_mm: float) -> list[str]:
    """Lay out `text` in Finnish in a column `width_mm` wide; return the lines as drawn."""
    html = (f'<html lang="fi"><head><style>@font-face {{ font-family: T; src: url({FONT.as_uri()}) }}'
            f'@page {{ size: A5; margin: 10mm }} p {{ width: {width_mm}mm; font: 10pt T; '
            f'hyphens: auto; hyphenate-character: "-" }}</style></head><body><p>{text}</p></body></html>')
    with hyphenating("fi", hyphenation._WORD.findall(text)):
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
    with hyphenating("fi", ["kaupunki"]):
        assert "fi" in pyphen.LANGUAGES
    assert before == pyphen.LANGUAGES
