"""No hyphenation in headings, titles, running heads or words in capitals; read back with
pdftotext from the built handbooks and from small renders with the real print theme."""

from __future__ import annotations

import re
import subprocess

import pytest
from weasyprint import HTML

from build_tools.paths import BuildPaths
from build_tools.sphinxext.typography import split_caps
from tests.building import hyphenating

# Long enough that it cannot fit the narrow test page; Voikko breaks it at its compounds.
WORD = "viestintäsuunnitelmaa"
# A line that ends in a piece of a word in capitals and a hyphen: "US-".
CAPS_BROKEN = re.compile(r"(?<![\w-])[^\W\d_a-zåäö]{2,}-$", re.M)


def layout_lines(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_split_caps_marks_words_in_capitals_only():
    assert split_caps("nimi on USKALLAMME. TEEMME. LPR2033 ja 2033 A") == [
        ("nimi on ", False), ("USKALLAMME", True), (". ", False), ("TEEMME", True),
        (". ", False), ("LPR2033", True), (" ja 2033 A", False)]


@pytest.mark.parametrize("variant", ("print", "screen"))
@pytest.mark.parametrize("edition", ("employees", "trustees"))
def test_the_slogan_is_never_hyphenated(source_pdfs, edition, variant):
    lines = layout_lines(source_pdfs[(edition, variant)])
    assert any("USKALLAMME" in line for line in lines)
    broken = [line for line in lines if CAPS_BROKEN.search(line)]
    assert broken == [], f"words in capitals broken at a line end: {broken}"


@pytest.fixture(scope="module")
def render(build_dir, source_pdfs, tmp_path_factory):
    """Renders a body with the print theme of the built print HTML, on a page 32 mm wide."""
    base = BuildPaths(build_dir).print_html("trustees", "fi") / "index.html"
    folder = tmp_path_factory.mktemp("typography")

    def rendered(name: str, body: str) -> list[str]:
        html = (f'<html lang="fi"><head><link rel="stylesheet" href="_static/print.css">'
                "<style>@page { size: 32mm 400mm; margin: 12mm 2mm; }</style></head>"
                f"<body>{body}</body></html>")
        path = folder / f"{name}.pdf"
        with hyphenating("fi", {WORD, WORD.upper()}):
            HTML(string=html, base_url=str(base)).write_pdf(path)
        return layout_lines(path)
    return rendered


def test_body_text_is_hyphenated_so_the_others_could_be(render):
    lines = render("paragraph", f"<main><p>{WORD} {WORD}</p></main>")
    assert any(line.endswith("-") for line in lines), lines


@pytest.mark.parametrize(("name", "body"), [
    ("heading and running head", f"<main><section><section><h2>{WORD} {WORD}</h2>"
                                 "<p>x</p></section></section></main>"),
    ("subheading", f"<main><h3>{WORD}</h3><h4>{WORD}</h4></main>"),
    ("cover", f'<section class="cover"><p class="cover-audience">{WORD} {WORD}</p></section>'),
    ("capitals", f'<main><p><span class="caps">{WORD.upper()}</span> '
                 f'<span class="caps">{WORD.upper()}</span></p></main>'),
])
def test_no_hyphen_at_a_line_end(render, name, body):
    lines = render(name.replace(" ", "-"), body)
    assert len(lines) >= 2, lines  # the text did not fit one line
    assert not [line for line in lines if line.endswith("-")], lines
