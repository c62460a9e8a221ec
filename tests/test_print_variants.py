"""The screen, print and booklet PDFs of both editions: verification, page geometry, shared layouts."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from build_tools.errors import BuildError
from build_tools.paths import BuildPaths
from build_tools.pdf import render
from build_tools.pdf.binding import blank_pages_needed, with_blank_pages
from build_tools.pdf.checks import (
    Expectation,
    bookmark_pages,
    chapter_titles,
    check_pdf,
    table,
    verify_build,
)
from build_tools.pdf.imposition import MM, SIZES_PT
from build_tools.pdf.render import layout_of, render_edition
from tests.pdf_inspect import damaged_copy, footers

EDITIONS = ("employees", "trustees")


def expectation(config, build_dir, edition_name, variant_name):
    edition, variant = config.editions[edition_name], config.variants[variant_name]
    html_file = BuildPaths(build_dir).print_html(edition.name, config.source_language) / "index.html"
    return Expectation(variant, config.source_language, variant.trim_size(edition),
                       None if variant.imposition else chapter_titles(html_file))


def problems(findings):
    return [(f.check, f.page, f.problem) for f in findings if not f.passed]


def test_every_variant_passes_verification(config, build_dir, source_pdfs):
    findings = verify_build(config, BuildPaths(build_dir))
    assert problems(findings) == []
    checks = {(f.pdf.name, f.check) for f in findings}
    for (_edition, variant), path in source_pdfs.items():
        names = {check for pdf, check in checks if pdf == path.name}
        expected = {"screen": {"PDF/UA identification", "tagged structure", "language and title",
                               "bookmarks match chapters", "text in trim box"},
                    "print": {"PDF/X identification", "PDF/X output intent",
                              "trim and bleed boxes", "no annotations", "inks and crop marks",
                              "pages for the binding", "bookmarks match chapters",
                              "text in trim box"},
                    "booklet": {"booklet sheets", "text in trim box, booklet page order"}}[variant]
        assert expected | {"fonts embedded"} <= names, (path.name, names)


def test_chapters_are_the_print_html_headings(config, build_dir, source_pdfs):
    titles = chapter_titles(BuildPaths(build_dir).print_html("trustees", "fi") / "index.html")
    assert titles[0] == "Sisällys" and "Alkusanat" in titles and len(titles) >= 4


@pytest.mark.parametrize("edition", EDITIONS)
def test_print_pages_trim_bleed_and_blank_left_pages(config, source_pdfs, edition):
    trim_w, trim_h = SIZES_PT[config.editions[edition].page_size]
    with pikepdf.open(source_pdfs[(edition, "print")]) as pdf:
        assert len(pdf.pages) % 2 == 0, "a printed book has an even page count"
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            media = [float(v) for v in page.MediaBox]
            assert trim[2] - trim[0] == pytest.approx(trim_w, abs=0.5)
            assert trim[3] - trim[1] == pytest.approx(trim_h, abs=0.5)
            assert media[2] - media[0] == pytest.approx(trim_w + 2 * (3 + 10) * MM, abs=0.5)
        starts = bookmark_pages(pdf)
    assert len(starts) >= 4
    for title, index in starts:
        assert index % 2 == 0, f"{title!r} opens on page {index + 1}, not a right-hand page"
    document = pdfium.PdfDocument(source_pdfs[(edition, "print")])
    texts = [document[i].get_textpage().get_text_range().strip() for i in range(len(document))]
    blanks = [i for i, text in enumerate(texts) if not text]
    assert blanks, "the double-sided layout leaves the pages before chapters blank"
    # Left-hand pages before a chapter, or the blanks just before the back cover (the
    # layout's right-hand page, and the binding's padding).
    last_text = max(i for i, text in enumerate(texts[:-1]) if text)
    assert all(i % 2 == 1 or i > last_text for i in blanks), blanks
    assert texts[-1] and len(texts) % 2 == 0, "the back cover closes the book on a left page"
    assert len(texts) % 4 == 0, "saddle-stitch binding: whole sheets of four pages"


def test_booklet_is_a5_on_a4_whatever_the_edition(config, source_pdfs):
    for edition in EDITIONS:
        with pikepdf.open(source_pdfs[(edition, "booklet")]) as pdf:
            widths = {round(float(page.MediaBox[2] - page.MediaBox[0])) for page in pdf.pages}
            assert widths == {round(SIZES_PT["A4"][1])}
            form = next(iter(pdf.pages[0].Resources.XObject.values()))
            assert round(float(form.BBox[2] - form.BBox[0])) == round(SIZES_PT["A5"][0])


def test_equal_pages_share_one_layout(config, build_dir, source_pdfs, tmp_path, monkeypatch):
    """Trustees: print and booklet are both A5 pages of the print layout: two renders, not three.

    It renders the print HTML that `source_pdfs` built.
    """
    trustees, employees = config.editions["trustees"], config.editions["employees"]
    assert layout_of(config.variants["print"], trustees, config.variants) == \
        layout_of(config.variants["booklet"], trustees, config.variants)
    assert layout_of(config.variants["print"], employees, config.variants) != \
        layout_of(config.variants["booklet"], employees, config.variants)
    renders = []
    original = render.layout_html
    monkeypatch.setattr(render, "layout_html",
                        lambda *a, **k: renders.append(a[1]) or original(*a, **k))
    html_file = BuildPaths(build_dir).print_html(trustees.name, "fi") / "index.html"
    written = render_edition(config, trustees, "fi", html_file, tmp_path)
    assert [pdf.variant for pdf in written] == list(trustees.variants)
    # One render per layout: the binding's blank pages are settled within it (below).
    assert len(renders) == len(set(renders)) == 2, renders


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_footer_counts_the_pages_of_the_printed_file(source_pdfs, edition):
    pdf = source_pdfs[(edition, "print")]
    numbered = footers(pdf)
    assert [n for n in numbered if n] == [(i + 1, len(numbered)) for i, n in
                                          enumerate(numbered) if n]
    assert sum(1 for n in numbered if n) >= len(numbered) / 3, numbered


def _book(build_dir: Path, folder: Path, chapter: str) -> Path:
    theme = BuildPaths(build_dir).print_html("trustees", "fi") / "_static"
    folder.mkdir()
    (folder / "_static").symlink_to(theme)
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Kirja</title>'
        '<link rel="stylesheet" href="_static/print.css"></head><body>'
        '<section class="cover"><p>Kansi</p></section><main class="body"><section><section>'
        f'<h2>Luku</h2>{chapter}'
        '</section></section></main><section class="back-cover"><p>Takakansi</p></section>'
        "</body></html>", encoding="utf-8")
    return folder / "index.html"


@pytest.fixture
def six_page_book(build_dir, source_pdfs, tmp_path):
    """A book of six pages: cover (1), the chapter opens on a right-hand page (blank 2;
    3, 4), the back cover on a left-hand page (blank 5; 6)."""
    return _book(build_dir, tmp_path / "book", '<p>Ensimmäinen sivu.</p>'
                 '<p style="break-before: page">Toinen sivu.</p>')


@pytest.fixture
def four_page_book(build_dir, source_pdfs, tmp_path):
    """A book that fills its sheet: cover (1), blank 2, a one-page chapter (3), back cover (4)."""
    return _book(build_dir, tmp_path / "short-book", "<p>Ainoa sivu.</p>")


def _use_speed_fixes(monkeypatch) -> None:
    """The target-counter fixes every build applies: they replace layout_document."""
    import weasyprint.document
    import weasyprint.layout

    from build_tools.pdf import weasyprint_targets
    for module in (weasyprint.layout, weasyprint.document):
        monkeypatch.setattr(module, "layout_document", weasyprint_targets.layout_document)


def _assert_eight_pages_with_two_blanks(written):
    pdf = written[0].path
    assert written[0].pages == 8
    assert footers(pdf) == [None, None, (3, 8), (4, 8), None, None, None, None]
    texts = [page.get_textpage().get_text_range().strip() for page in pdfium.PdfDocument(pdf)]
    assert [bool(text) for text in texts] == [True, False, True, True, False, False, False, True]
    assert texts[-1] == "Takakansi"


@pytest.mark.parametrize("tuned", [False, True], ids=["weasyprint", "with-speed-fixes"])
def test_blank_pages_for_the_binding_are_counted_in_the_footers(config, six_page_book, tmp_path,
                                                                   monkeypatch, tuned):
    """The book needs two blank pages for its sheet: the footers say "3 / 8" (not "3 / 6"),
    the blanks carry nothing and the back cover stays last; and it is laid out once, also
    with the target-counter fixes every build applies (they replace layout_document)."""
    if tuned:
        _use_speed_fixes(monkeypatch)
    renders = []
    original = render.layout_html
    monkeypatch.setattr(render, "layout_html",
                        lambda *a, **k: renders.append(a[1]) or original(*a, **k))
    written = render_edition(config, config.editions["trustees"], "fi", six_page_book,
                             tmp_path, only={"print"})
    _assert_eight_pages_with_two_blanks(written)
    assert len(renders) == 1, renders


@pytest.mark.parametrize("tuned", [False, True], ids=["weasyprint", "with-speed-fixes"])
def test_a_book_that_fills_its_sheet_gets_no_blank_page(config, four_page_book, tmp_path,
                                                        monkeypatch, tuned):
    """Every blank the print HTML carries would make it eight pages: none may stay."""
    if tuned:
        _use_speed_fixes(monkeypatch)
    written = render_edition(config, config.editions["trustees"], "fi", four_page_book,
                             tmp_path, only={"print"})
    assert written[0].pages == 4
    assert footers(written[0].path) == [None, None, (3, 4), None]


def test_a_layout_that_bypasses_the_blank_pages_hook_is_refused(config, four_page_book,
                                                                 tmp_path, monkeypatch):
    """A replacement of layout_document that calls its own make_all_pages (the first
    target-counter fix did) leaves every spare blank in; the render stops, naming why."""
    import weasyprint.document
    import weasyprint.layout
    import weasyprint.layout.page

    original = weasyprint.document.layout_document

    def own_make_all_pages(html, root_box, context, max_loops=8):
        with monkeypatch.context() as inner:
            inner.setattr(weasyprint.layout, "make_all_pages",
                          weasyprint.layout.page.make_all_pages)
            yield from original(html, root_box, context, max_loops)

    monkeypatch.setattr(weasyprint.document, "layout_document", own_make_all_pages)
    with pytest.raises(BuildError, match="blank pages were not settled"):
        render_edition(config, config.editions["trustees"], "fi", four_page_book, tmp_path,
                       only={"print"})


def test_blank_pages_unsettled_in_one_layout_are_laid_out_again(config, six_page_book, tmp_path,
                                                                  monkeypatch):
    """Should WeasyPrint stop repaginating before the blanks are in (one pass here), the
    book is laid out a second time with them, and the footers still count them."""
    import weasyprint.document

    monkeypatch.setattr(weasyprint.document, "layout_document", partial(
        weasyprint.document.layout_document, max_loops=1))
    renders = []
    original = render.layout_html
    monkeypatch.setattr(render, "layout_html",
                        lambda *a, **k: renders.append(a[3:] or k)
                        or original(*a, **k))
    written = render_edition(config, config.editions["trustees"], "fi", six_page_book,
                             tmp_path, only={"print"})
    _assert_eight_pages_with_two_blanks(written)
    assert len(renders) == 2, renders


@pytest.fixture
def broken(tmp_path, source_pdfs):
    """A copy of one built PDF, damaged by a function, and the checks' problems for it."""
    def damage(edition, variant, change):
        return damaged_copy(source_pdfs[(edition, variant)], tmp_path, change)
    return damage


def test_missing_trim_box_fails_with_the_page(config, build_dir, broken):
    path = broken("trustees", "print", lambda pdf: pdf.pages[2].obj.__delitem__("/TrimBox"))
    findings = check_pdf(path, expectation(config, build_dir, "trustees", "print"))
    assert ("trim and bleed boxes", 3, "ISO 15930-7, page boxes: no TrimBox") in problems(findings)
    report = table(findings, path.parent)
    assert f"{path.name}  FAIL" in report
    assert f"{path.name}  page 3  trim and bleed boxes: ISO 15930-7, page boxes: no TrimBox" \
        in report


def test_missing_language_fails(config, build_dir, broken):
    path = broken("employees", "screen", lambda pdf: pdf.Root.__delitem__("/Lang"))
    found = problems(check_pdf(path, expectation(config, build_dir, "employees", "screen")))
    assert ("language and title", None, "/Lang is missing, expected fi") in found


def test_unembedded_font_fails(config, build_dir, broken):
    def unembed(pdf):
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        del font.DescendantFonts[0].FontDescriptor["/FontFile2"]
    path = broken("employees", "screen", unembed)
    found = problems(check_pdf(path, expectation(config, build_dir, "employees", "screen")))
    assert any(check == "fonts embedded" and page == 1 and "is not embedded" in problem
               for check, page, problem in found), found


def test_text_outside_the_trim_box_fails(config, build_dir, broken):
    def shrink(pdf):
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[4].TrimBox)
        pdf.pages[4].TrimBox = [x0 + 60, y0, x1, y1]
    path = broken("trustees", "print", shrink)
    found = problems(check_pdf(path, expectation(config, build_dir, "trustees", "print")))
    assert any(check == "text in trim box" and page == 5 and "outside the trim box" in problem
               for check, page, problem in found), found


def test_booklet_in_the_wrong_order_fails(config, build_dir, broken):
    def swap(pdf):
        pdf.pages[2].Contents, pdf.pages[4].Contents = pdf.pages[4].Contents, pdf.pages[2].Contents
        pdf.pages[2].Resources, pdf.pages[4].Resources = pdf.pages[4].Resources, pdf.pages[2].Resources
    path = broken("trustees", "booklet", swap)
    found = problems(check_pdf(path, expectation(config, build_dir, "trustees", "booklet")))
    assert any(check.endswith("booklet page order") and page == 3 and "expected page" in problem
               for check, page, problem in found), found


def test_blank_pages_need_a_back_cover_to_go_before():
    assert [blank_pages_needed(pages) for pages in (4, 6, 14, 16)] == [0, 2, 2, 0]
    html = '<main>x</main><section class="back-cover">b</section>'
    assert with_blank_pages(html, 2, "a.html").count('class="binding-blank"') == 2
    assert with_blank_pages(html, 2, "a.html").endswith('</div><section class="back-cover">b</section>')
    with pytest.raises(BuildError, match=r"^b\.html: no back cover"):
        with_blank_pages("<main>x</main>", 2, "b.html")
