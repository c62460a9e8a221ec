"""Build both editions for real and check the PDFs a reader and a printer get."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from build_tools.paths import PROJECT_ROOT
from tests.pdf_inspect import (
    bold_text,
    embedded_fonts,
    header_text,
    link_targets,
    normalize,
    outline,
    page_texts,
    shipped_font_names,
)

SOURCE = PROJECT_ROOT / "source"
EDITIONS = ("employees", "trustees")
# Top margins of the page sizes in print-a4.css and print-a5.css, in points.
TOP_MARGIN_PT = {"employees": 25 * 72 / 25.4, "trustees": 18 * 72 / 25.4}
# The appendix after the chapters: what changed since the last release.
CHANGES = "Mitä muuttui"


def chapters_from_source() -> list[tuple[str, list[str]]]:
    """(chapter title, [section titles]) in toctree order, read from the .rst files."""
    index = (SOURCE / "index.rst").read_text(encoding="utf-8")
    names = re.findall(r"^   (\w+)$", index.split(".. toctree::")[1], re.M)
    chapters = []
    for name in names:
        lines = (SOURCE / f"{name}.rst").read_text(encoding="utf-8").splitlines()
        titles = [(lines[i], lines[i + 1][0]) for i in range(len(lines) - 1)
                  if lines[i].strip() and re.fullmatch(r"([=-])\1+", lines[i + 1])]
        chapters.append((titles[0][0], [t for t, mark in titles[1:] if mark == "-"]))
    return chapters


@pytest.fixture(scope="module", params=EDITIONS)
def edition_pdf(request, source_pdfs):
    return request.param, PdfReader(source_pdfs[(request.param, "screen")])


def heading_pages(reader: PdfReader, titles: list[str], first_body_page: int) -> dict[str, int]:
    """The page index where each heading is set in bold after the front matter."""
    bold = [bold_text(reader, index) for index in range(len(reader.pages))]
    found = {}
    for title in titles:
        for index in range(first_body_page, len(bold)):
            if normalize(title) in bold[index]:
                found[title] = index
                break
    return found


def test_page_count_and_metadata(edition_pdf, config):
    name, reader = edition_pdf
    edition = config.editions[name]
    assert 5 <= len(reader.pages) <= 40
    meta = reader.metadata
    assert meta.title == edition.title
    assert meta.author == "Lappeenrannan kaupunki"
    assert meta.subject == edition.audience
    assert str(reader.trailer["/Root"]["/Lang"]) == "fi"


def test_cover_has_the_edition_title(edition_pdf, config):
    name, reader = edition_pdf
    cover = page_texts(reader)[0]
    assert normalize(config.editions[name].title) in cover
    assert "Lappeenrannan kaupunki" in cover


def test_bookmarks_follow_the_chapters(edition_pdf):
    _, reader = edition_pdf
    marks = outline(reader)
    expected = chapters_from_source()
    # The changes appendix and the index close the book (sphinxext/release.py, index.py).
    assert [title for title, _, _ in marks] == \
        ["Sisällys"] + [title for title, _ in expected] + [CHANGES, "Hakemisto"]
    for (title, _, children), (_, sections) in zip(marks[1:-2], expected, strict=True):
        assert [child for child, _, _ in children] == sections, title


def test_table_of_contents_numbers_and_links_match_the_headings(edition_pdf):
    _, reader = edition_pdf
    texts = page_texts(reader)
    toc_index = next(i for i, text in enumerate(texts) if text.startswith("Sisällys"))
    titles = [title for title, sections in chapters_from_source()
              for title in [title, *sections]] + [CHANGES, "Hakemisto"]
    real_pages = heading_pages(reader, titles, toc_index + 1)
    assert set(real_pages) == set(titles)
    toc = texts[toc_index]
    for title in titles:
        printed = re.search(re.escape(normalize(title)) + r"[ .]*?(\d+)", toc)
        assert printed, f"{title!r} missing from the table of contents"
        assert int(printed.group(1)) == real_pages[title] + 1, title
    # Every entry is a link to the page its number names.
    assert link_targets(reader, toc_index) == [real_pages[title] for title in titles]


def test_running_heads_name_the_chapter(edition_pdf):
    name, reader = edition_pdf
    texts = page_texts(reader)
    chapters = [title for title, _ in chapters_from_source()]
    toc_index = next(i for i, text in enumerate(texts) if text.startswith("Sisällys"))
    starts = heading_pages(reader, chapters, toc_index + 1)
    for title, page in starts.items():
        assert normalize(title) in header_text(reader, page, TOP_MARGIN_PT[name]), (title, page)
    assert header_text(reader, 0, TOP_MARGIN_PT[name]) == "", "the cover has no running head"


def test_page_numbers_read_n_of_total(edition_pdf):
    _, reader = edition_pdf
    total = len(reader.pages)
    # The cover and the colophon on its back carry no number.
    for index, text in enumerate(page_texts(reader)[2:], start=3):
        assert re.search(rf"\b{index} / {total}\b", text), f"page {index} lacks '{index} / {total}'"


def test_mirrored_margins(edition_pdf):
    """Text on right-hand (odd) pages starts further from the left edge than on left-hand pages."""
    _, reader = edition_pdf

    def left_edge(page_index):
        xs = []
        reader.pages[page_index].extract_text(
            visitor_text=lambda text, cm, tm, *_: xs.append(cm[4] + tm[4]) if text.strip() else None)
        return min(xs)

    assert left_edge(2) > left_edge(3) + 20  # page 3 is recto, page 4 verso


def test_fonts_are_the_shipped_ones_and_embedded(edition_pdf):
    _, reader = edition_pdf
    shipped = shipped_font_names(SOURCE / "_static" / "fonts")
    fonts = embedded_fonts(reader)
    assert fonts
    for font in fonts:
        assert font["embedded"], font
        assert (font["family"], font["style"]) in shipped, font


def test_no_english_labels_in_the_finnish_book(edition_pdf):
    _, reader = edition_pdf
    text = " ".join(page_texts(reader))
    for english in ("Contents", "Page", "Chapter", "Table of"):
        assert english not in text


def test_each_edition_has_only_its_own_foreword(source_pdfs):
    employees = " ".join(page_texts(PdfReader(source_pdfs[("employees", "screen")])))
    trustees = " ".join(page_texts(PdfReader(source_pdfs[("trustees", "screen")])))
    employees_foreword = "tarkoitettu Lappeenrannan kaupunkikonsernin uusille työntekijöille"
    trustees_foreword = "tarkoitettu Lappeenrannan kaupungin luottamushenkilöille"
    web_foreword = "julkaistaan verkkosivustona"
    assert employees_foreword in employees and trustees_foreword not in employees
    assert trustees_foreword in trustees and employees_foreword not in trustees
    assert web_foreword not in employees and web_foreword not in trustees


def test_the_city_wording_survives(source_pdfs):
    text = " ".join(page_texts(PdfReader(source_pdfs[("employees", "screen")])))
    assert "Palvelut" not in text and "Valitse taso" not in text
    assert "hukkatyöhön kuluvan ajan väheneminen" in text
    assert "Eloisassa, puhtaassa ja turvallisessa Lappeenrannassa" in text
