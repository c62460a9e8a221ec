"""The Swedish trustees' screen PDF against what a reader of the headings, bookmarks,
metadata and languages needs; each damage (made with pikepdf) is a known-bad file the
checks must catch."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest

from build_tools.paths import BuildPaths
from build_tools.pdf.checks import check_pdf, verify_build
from build_tools.pdf.checks import expectation as checks_expectation
from build_tools.pdf.render import render_edition
from tests.building import build_pdfs
from tests.pdf_inspect import damaged_copy

pytestmark = pytest.mark.slow

LEVELS = "PDF/UA 7.4, Matterhorn 14-002/14-003: heading levels from H1, none skipped"
BOOKMARKED = "PDF/UA 7.4, Matterhorn 14-001: each bookmarked heading tagged H1-H6 at its level"


@pytest.fixture(scope="module")
def swedish(config, tmp_path_factory):
    """(the trustees' Swedish screen PDF, its expectation, the print HTML it is made from)."""
    build_dir = tmp_path_factory.mktemp("headings")
    [outcome] = build_pdfs(config, config.select_languages("sv"),
                           config.select_editions("trustees"), build_dir,
                           variants=[config.variants["screen"]])
    variant = config.variants["screen"]
    html_file = BuildPaths(build_dir).print_html("trustees", "sv") / "index.html"
    return outcome.path, checks_expectation(
        variant, "sv", variant.trim_size(config.editions["trustees"]), html_file), html_file


def failures(path, expect):
    return {(f.check, f.page, f.problem) for f in check_pdf(path, expect) if not f.passed}


def elements(pdf, role):
    """The structure elements of one role, in reading order (depth first)."""
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == role:
                found.append(node)
            if "/K" in node and node.get("/Type") != "/OBJR":
                stack.append(node.K)
    return found


def test_the_built_file_passes_and_poppler_reads_its_headings(swedish):
    path, expect, _html = swedish
    assert failures(path, expect) == set()
    names = {f.check for f in check_pdf(path, expect)}
    assert {LEVELS, BOOKMARKED} <= names
    # poppler's own reading of the structure tree, not ours
    tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                          text=True, check=True).stdout
    assert 'H2 (block)\n' in tree and '"Förord"' in tree and '"Innehåll"' in tree


def test_a_chapter_heading_tagged_p_fails(swedish, tmp_path):
    path, expect, _html = swedish

    def demote(pdf):
        # The foreword opens on page 4, after the cover, the colophon and the contents.
        foreword_page = pdf.pages[3].obj.objgen
        [chapter] = [h for h in elements(pdf, "/H2") if h.Pg.objgen == foreword_page]
        chapter.S = pikepdf.Name.P
    found = failures(damaged_copy(path, tmp_path, demote), expect)
    assert any(check == BOOKMARKED and page == 4 and "'Förord'" in problem
               and "/P" in problem for check, page, problem in found), found


def test_a_heading_at_the_wrong_level_fails(swedish, tmp_path):
    path, expect, _html = swedish

    def lower(pdf):
        elements(pdf, "/H3")[0].S = pikepdf.Name.H4
    found = failures(damaged_copy(path, tmp_path, lower), expect)
    checks = {check for check, _page, _problem in found}
    assert {LEVELS, BOOKMARKED} <= checks, found


def test_a_first_heading_below_h1_fails(swedish, tmp_path):
    path, expect, _html = swedish

    def cover_title_h2(pdf):
        elements(pdf, "/H1")[0].S = pikepdf.Name.H2
    found = failures(damaged_copy(path, tmp_path, cover_title_h2), expect)
    assert any(check == LEVELS and page == 1 and "as the first heading" in problem
               for check, page, problem in found), found


def test_a_file_without_bookmarks_fails(swedish, tmp_path):
    path, expect, _html = swedish
    found = failures(damaged_copy(path, tmp_path, lambda pdf: pdf.Root.__delitem__("/Outlines")),
                     expect)
    assert any(check == "bookmarks match chapters" for check, _page, _problem in found), found


def test_a_file_without_xmp_title_or_language_fails(swedish, tmp_path):
    path, expect, _html = swedish

    def strip(pdf):
        with pdf.open_metadata(update_docinfo=False) as meta:  # the Info /Title stays
            del meta["dc:title"]
        del pdf.Root["/Lang"]
    found = failures(damaged_copy(path, tmp_path, strip), expect)
    problems = {problem for check, _page, problem in found if check == "language and title"}
    assert "/Lang is missing, expected sv" in problems, found
    assert any("dc:title" in problem for problem in problems), found


def test_a_figure_with_an_empty_alternative_text_fails(swedish, tmp_path):
    path, expect, _html = swedish

    def empty_alt(pdf):
        paragraph = elements(pdf, "/P")[0]
        paragraph.S, paragraph.Alt = pikepdf.Name.Figure, pikepdf.String("")
    found = failures(damaged_copy(path, tmp_path, empty_alt), expect)
    assert ("tagged structure", None, "1 figure(s) without alternative text (/Alt)") in found, found


def test_a_pdf_without_bookmarks_fails_without_its_print_html_too(config, swedish, tmp_path):
    """As in a release folder, which keeps no print HTML to compare the bookmarks with."""
    path, _expect, _html = swedish
    paths = BuildPaths(tmp_path / "build")
    paths.pdf.mkdir(parents=True)
    damaged = damaged_copy(path, tmp_path, lambda pdf: pdf.Root.__delitem__("/Outlines"))
    damaged.rename(paths.pdf / path.name)
    found = [(f.check, f.problem) for f in verify_build(config, paths) if not f.passed]
    assert ("bookmarks", "the PDF has no bookmarks (outline)") in found, found


def test_a_table_header_without_scope_fails(swedish, tmp_path):
    """The handbook has no table yet (tests/test_elements.py builds some, and their files
    pass): a paragraph retagged TH without attributes stands for WeasyPrint's own TH."""
    path, expect, _html = swedish

    def header_without_scope(pdf):
        paragraph = elements(pdf, "/P")[0]
        paragraph.S = pikepdf.Name.TH
        if "/A" in paragraph:
            del paragraph["/A"]
    found = failures(damaged_copy(path, tmp_path, header_without_scope), expect)
    assert any(check == "PDF/UA 7.5, Matterhorn 15-003: table headers with /Scope"
               and page == 1 and "has no /Scope" in problem
               for check, page, problem in found), found


def test_a_heading_broken_over_two_pages_is_still_its_bookmarks_heading(swedish, tmp_path):
    """WeasyPrint tags each page's part of a block apart: two H2 elements, one heading."""
    path, expect, _html = swedish

    def split(pdf):
        page = pdf.pages[4].obj.objgen
        [heading] = [h for h in elements(pdf, "/H2") if h.Pg.objgen == page]
        heading.ActualText = pikepdf.String("Kommunikationens")
        rest = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.H2, P=heading.P, Pg=heading.Pg,
            ActualText=pikepdf.String("grunduppgift"), K=pikepdf.Array()))
        kids = list(heading.P.K)
        index = next(i for i, kid in enumerate(kids) if kid.objgen == heading.objgen)
        heading.P.K = pikepdf.Array(kids[:index + 1] + [rest] + kids[index + 1:])
    found = failures(damaged_copy(path, tmp_path, split), expect)
    assert not [f for f in found if f[0] in (BOOKMARKED, LEVELS)], found


LANGUAGE = "PDF/UA 7.2, Matterhorn 11-001: parts in another language marked /Lang"


def test_a_finnish_fallback_is_read_in_finnish(config, swedish, tmp_path):
    """A chapter heading left in Finnish (the print HTML marks it lang="fi") gets /Lang fi
    in the Swedish screen PDF; without it the check fails, naming the element."""
    _path, _expect, html_file = swedish
    folder = shutil.copytree(html_file.parent, tmp_path / "print-html")
    page = folder / html_file.name
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<h2>Förord", '<h2 lang="fi">Alkusanat', 1), encoding="utf-8")
    (tmp_path / "pdf").mkdir()
    [rendered] = render_edition(config, config.editions["trustees"], "sv", page,
                                tmp_path / "pdf", only={"screen"})
    variant = config.variants["screen"]
    expect = checks_expectation(variant, "sv", variant.trim_size(config.editions["trustees"]),
                                page)
    assert ("fi", "Alkusanat") in expect.languages
    assert failures(rendered.path, expect) == set()
    with pikepdf.open(rendered.path) as pdf:
        assert [str(h.get("/Lang", "")) for h in elements(pdf, "/H2")].count("fi") == 1

    def without_language(pdf):
        for element in elements(pdf, "/H2"):
            if "/Lang" in element:
                del element["/Lang"]
    found = failures(damaged_copy(rendered.path, tmp_path, without_language), expect)
    assert any(check == LANGUAGE and page == 4 and "'Alkusanat' is fi in the HTML but read as sv"
               in problem for check, page, problem in found), found


def test_the_colophon_names_each_language_in_that_language(swedish, tmp_path):
    """"suomi" and "English" in a Swedish book are read in Finnish and English."""
    path, expect, _html = swedish
    assert {("fi", "suomi"), ("en", "English")} <= set(expect.languages)
    with pikepdf.open(path) as pdf:
        assert sorted(str(span.Lang) for span in elements(pdf, "/Span") if "/Lang" in span) \
            == ["en", "fi"]

    def without_languages(pdf):
        for span in elements(pdf, "/Span"):
            if "/Lang" in span:
                del span["/Lang"]
    found = failures(damaged_copy(path, tmp_path, without_languages), expect)
    assert any(check == LANGUAGE and page == 2 and "'suomi' is fi in the HTML but read as sv"
               in problem for check, page, problem in found), found
