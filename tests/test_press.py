"""The print variant is press-ready: each PDF/X and press clause of `check.pdf` holds on the
real files, and breaks, alone and named, on a copy damaged in exactly that respect."""

from __future__ import annotations

import dataclasses

import pikepdf
import pytest
from PIL import ImageCms

from build_tools.config import OUTPUT_INTENTS, project_config
from build_tools.paths import PRINT_THEME_DIR, BuildPaths
from build_tools.pdf.checks import Expectation, check_pdf, pdfx
from build_tools.pdf.colour import CONDITIONS
from build_tools.pdf.imposition import MM
from build_tools.pdf.render import render_edition
from tests.pdf_inspect import damaged_copy


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def expectation(config, edition_name, variant_name):
    edition, variant = config.editions[edition_name], config.variants[variant_name]
    # A booklet's pages keep to the inks of the variant it imposes (checked since then).
    pages_intent = config.variants[variant.pages_from].output_intent if variant.imposition \
        else None
    return Expectation(variant, config.source_language, variant.trim_size(edition),
                       pages_intent=pages_intent)


def broken_rules(path, config, edition="trustees", variant="print"):
    """{(rule, page)} of every problem check.pdf finds in `path`, as `config` declares it."""
    found = set()
    for finding in check_pdf(path, expectation(config, edition, variant)):
        if not finding.passed:
            rule = next((rule for rule in RULES if finding.problem.startswith(rule)),
                        finding.problem)
            found.add((rule, finding.page))
    return found


RULES = (pdfx.IDENTIFICATION, pdfx.OUTPUT_INTENT, pdfx.PAGE_BOXES, pdfx.ANNOTATIONS,
         pdfx.DEVICE_COLOUR, pdfx.RGB_IN_CMYK, pdfx.RICH_GREY, pdfx.SLUG, pdfx.CROP_MARKS,
         pdfx.BINDING, "ISO 32000-1, table 150")


@pytest.fixture
def damaged(tmp_path, source_pdfs):
    """A copy of a built PDF changed by `change(pdf)`."""
    def damage(change, edition="trustees", variant="print"):
        return damaged_copy(source_pdfs[(edition, variant)], tmp_path, change)
    return damage


def test_every_declared_intent_is_a_printing_condition():
    assert set(OUTPUT_INTENTS) == set(CONDITIONS)
    assert (PRINT_THEME_DIR / "static" / "color" / "FOGRA39L.icc").stat().st_size > 100_000


@pytest.mark.parametrize("edition", ("employees", "trustees"))
def test_print_pdfs_break_no_press_clause(config, source_pdfs, edition):
    assert broken_rules(source_pdfs[(edition, "print")], config, edition) == set()
    assert broken_rules(source_pdfs[(edition, "booklet")], config, edition, "booklet") == set()


def test_print_pdf_as_independent_tools_read_it(config, source_pdfs):
    """pikepdf: no annotations, untagged, slug, FOGRA39 intent, 16 pages for the stapler."""
    variant = config.variants["print"]
    with pikepdf.open(source_pdfs[("trustees", "print")]) as pdf:
        assert len(pdf.pages) == 16
        assert "/StructTreeRoot" not in pdf.Root
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert int(intent.DestOutputProfile.N) == 4
        for page in pdf.pages:
            assert "/Annots" not in page.obj
            media = [float(v) for v in page.MediaBox]
            bleed = [float(v) for v in page.BleedBox]
            assert bleed[0] - media[0] == pytest.approx(variant.slug_mm * MM, abs=0.1)
    with pikepdf.open(source_pdfs[("trustees", "booklet")]) as booklet:
        assert booklet.pdf_version >= "1.7"


def _replace_first(page, old: bytes, new: bytes):
    for stream in page.obj.Contents:
        data = stream.read_bytes()
        if old in data:
            stream.write(data.replace(old, new, 1))
            return
    raise AssertionError(f"{old!r} not in the page")


def _add_link(pdf):
    page = pdf.pages[2]
    link = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[50, 50, 150, 70],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.org")))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([link]))


def _srgb_intent(pdf):
    intent = pdf.Root.OutputIntents[0]
    intent.DestOutputProfile = pdf.make_stream(srgb_profile(), N=3)


def _rename_condition(pdf):
    pdf.Root.OutputIntents[0].OutputConditionIdentifier = "Coated FOGRA39L (ArgyllCMS)"


def _no_slug(pdf):
    pdf.pages[1].obj.MediaBox = pikepdf.Array(pdf.pages[1].obj.BleedBox)


def _art_box(pdf):
    pdf.pages[1].obj.ArtBox = pikepdf.Array(pdf.pages[1].obj.TrimBox)


def _rgb_text(pdf):
    _replace_first(pdf.pages[4], b"/DeviceCMYK cs\n0 0 0 1 scn", b"0.1 0.1 0.1 rg")


def _icc_rgb_text(pdf):
    page = pdf.pages[4]
    page.Resources.ColorSpace["/SRGB"] = pikepdf.Array(
        [pikepdf.Name.ICCBased, pdf.make_stream(srgb_profile(), N=3)])
    _replace_first(page, b"/DeviceCMYK cs\n0 0 0 1 scn", b"/SRGB cs\n0.1 0.1 0.1 scn")


def _rgb_image(pdf):
    """An RGB picture left as it was: what a print file would get without raster_inks.py."""
    page = pdf.pages[4]
    image = pdf.make_stream(bytes([0, 90, 156]) * 4, Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=2, Height=2,
                            ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    if "/XObject" not in page.Resources:
        page.Resources.XObject = pikepdf.Dictionary()
    page.Resources.XObject["/Photo"] = image
    page.contents_add(pdf.make_stream(b"q 20 0 0 20 100 100 cm /Photo Do Q"))


def _rich_black_text(pdf):
    _replace_first(pdf.pages[4], b"/DeviceCMYK cs\n0 0 0 1 scn", b"/DeviceCMYK cs\n0.6 0.5 0.5 1 scn")


def _no_crop_marks(pdf):
    pdf.pages[3].obj.Contents = pikepdf.Array(list(pdf.pages[3].obj.Contents)[:-1] +
                                              [pdf.make_stream(b"Q")])


def _crop_mark_in_the_bleed(pdf):
    trim = [float(v) for v in pdf.pages[3].TrimBox]
    pdf.pages[3].contents_add(pdf.make_stream(
        f"q /Registration CS 1 SCN 0.25 w {trim[0] - 5} {trim[1]} m {trim[0] - 1} {trim[1]} l "
        "S Q".encode()))


def _drop_a_blank(pdf):
    del pdf.pages[-2]


@pytest.mark.parametrize(("change", "rule", "page"), [
    (_add_link, pdfx.ANNOTATIONS, 3),
    (_srgb_intent, pdfx.OUTPUT_INTENT, None),
    (_rename_condition, pdfx.OUTPUT_INTENT, None),
    (_no_slug, pdfx.SLUG, 2),
    (_art_box, pdfx.PAGE_BOXES, 2),
    (_rgb_text, pdfx.DEVICE_COLOUR, 5),
    (_icc_rgb_text, pdfx.RGB_IN_CMYK, 5),
    (_rgb_image, pdfx.DEVICE_COLOUR, 5),
    (_rich_black_text, pdfx.RICH_GREY, 5),
    (_no_crop_marks, pdfx.CROP_MARKS, 4),
    (_crop_mark_in_the_bleed, pdfx.CROP_MARKS, 4),
    (_drop_a_blank, pdfx.BINDING, None),
], ids=lambda value: value.__name__.strip("_") if callable(value) else None)
def test_each_damage_breaks_exactly_its_clause(config, damaged, change, rule, page):
    assert broken_rules(damaged(change), config) == {(rule, page)}


def test_booklet_with_an_old_header_fails(config, source_pdfs, tmp_path):
    path = tmp_path / "booklet.pdf"
    with pikepdf.open(source_pdfs[("trustees", "booklet")]) as pdf:
        pdf.save(path, force_version="1.3")
    assert broken_rules(path, config, variant="booklet") == {("ISO 32000-1, table 150", None)}


def test_the_clause_is_named_in_the_report(config, damaged):
    findings = check_pdf(damaged(_add_link), expectation(project_config(), "trustees", "print"))
    problem = next(f for f in findings if not f.passed)
    assert problem.page == 3 and problem.check == "no annotations"
    assert "Link annotation (object" in problem.problem and "inside the BleedBox" in problem.problem


def test_an_srgb_print_variant_for_digital_print_shops(config, build_dir, tmp_path):
    """output_intent = "srgb": RGB colours and an RGB intent, the same finishing and checks."""
    variant = dataclasses.replace(config.variants["print"], output_intent="srgb")
    config = dataclasses.replace(config, variants={**config.variants, "print": variant})
    trustees = config.editions["trustees"]
    html_file = BuildPaths(build_dir).print_html("trustees", "fi") / "index.html"
    [written] = render_edition(config, trustees, "fi", html_file, tmp_path, only=["print"])
    with pikepdf.open(written.path) as pdf:
        assert int(pdf.Root.OutputIntents[0].DestOutputProfile.N) == 3
        assert len(pdf.pages) == 16 and not any("/Annots" in page.obj for page in pdf.pages)
    assert broken_rules(written.path, config) == set()
