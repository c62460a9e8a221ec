"""Known-bad print and booklet files that `check.pdf` and `proof` once passed or crashed on:
RGB in a booklet imposed from the CMYK print pages, a CalRGB image, a spot colour or
encryption in the CMYK print file, a font used only in a pattern, a truncated PDF in
build/pdf; and the folder a build wrote to (--build-dir) is the one checked."""

from __future__ import annotations

import shutil

import pikepdf
import pytest

from build_tools.paths import PROJECT_ROOT, BuildPaths
from build_tools.pdf.checks import check_pdf, expectation, pdfx, verify_build
from build_tools.pdf.proof import write_proof
from tests.pdf_inspect import damaged_copy
from tests.project_copy import invoke


def _with_image(pdf: pikepdf.Pdf, page: pikepdf.Page, colour_space) -> None:
    """A 2 x 2 picture of the brand blue's RGB values in `colour_space`, drawn on `page`."""
    image = pdf.make_stream(bytes([0, 90, 156]) * 4, Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=2, Height=2,
                            ColorSpace=colour_space, BitsPerComponent=8)
    if "/XObject" not in page.Resources:
        page.Resources.XObject = pikepdf.Dictionary()
    page.Resources.XObject["/Photo"] = image
    page.contents_add(pdf.make_stream(b"q 20 0 0 20 100 100 cm /Photo Do Q"))


def _problems(config, path, edition, variant_name):
    variant = config.variants[variant_name]
    expect = expectation(variant, config.source_language,
                         variant.trim_size(config.editions[edition]), None,
                         pages_from=config.variants.get(variant.pages_from))
    return [(f.check, f.page, f.problem) for f in check_pdf(path, expect) if not f.passed]


def test_the_real_booklets_keep_to_the_print_inks(config, source_pdfs):
    for edition in ("employees", "trustees"):
        found = _problems(config, source_pdfs[(edition, "booklet")], edition, "booklet")
        assert not [problem for problem in found if problem[0] == "inks of the imposed pages"]


def test_an_rgb_image_in_a_booklet_is_found(config, source_pdfs, tmp_path):
    """The booklet's pages are the print file's CMYK pages (README): an RGB picture on a
    sheet was 'ok' because only PDF/X variants had their inks read."""
    path = damaged_copy(source_pdfs[("employees", "booklet")], tmp_path,
                        lambda pdf: _with_image(pdf, pdf.pages[1], pikepdf.Name.DeviceRGB))
    found = _problems(config, path, "employees", "booklet")
    assert [(check, page) for check, page, problem in found
            if "RGB colour space in the image /Photo" in problem] \
        == [("inks of the imposed pages", 2)], found


def test_a_calrgb_image_in_the_print_file_is_found(config, source_pdfs, tmp_path):
    """CalRGB is RGB: a CMYK print file has none (it was read as a colour space of its own)."""
    calibrated = pikepdf.Array([pikepdf.Name.CalRGB,
                                pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])
    path = damaged_copy(source_pdfs[("trustees", "print")], tmp_path,
                        lambda pdf: _with_image(pdf, pdf.pages[4], calibrated))
    found = _problems(config, path, "trustees", "print")
    assert [(check, page) for check, page, problem in found
            if problem.startswith(pdfx.RGB_IN_CMYK) and "CalRGB" in problem] \
        == [("inks and crop marks", 5)], found


def _spot_colour_fill(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[4]
    page.Resources.ColorSpace["/Spot"] = pikepdf.Array([
        pikepdf.Name.Separation, pikepdf.Name("/PANTONE 300 C"), pikepdf.Name.DeviceCMYK,
        pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 0.44, 0, 0],
                           N=1)])
    page.contents_add(pdf.make_stream(b"q /Spot cs 1 scn 100 100 50 50 re f Q"))


def _helvetica(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))


def _text_in_a_pattern(pdf: pikepdf.Pdf) -> None:
    """A tiling pattern whose cell writes with a font the file does not embed."""
    page = pdf.pages[4]
    pattern = pdf.make_stream(
        b"BT /Helv 12 Tf 0 0 Td (x) Tj ET", Type=pikepdf.Name.Pattern, PatternType=1,
        PaintType=1, TilingType=1, BBox=[0, 0, 20, 20], XStep=20, YStep=20,
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=_helvetica(pdf))))
    page.Resources.Pattern = pikepdf.Dictionary(P0=pattern)
    page.contents_add(pdf.make_stream(b"q /Pattern cs /P0 scn 100 100 50 50 re f Q"))


def test_a_spot_colour_in_the_cmyk_print_file_is_found(config, source_pdfs, tmp_path):
    """A fifth plate the print shop would charge for: it was 'ok' (only RGB was looked for)."""
    path = damaged_copy(source_pdfs[("trustees", "print")], tmp_path, _spot_colour_fill)
    found = _problems(config, path, "trustees", "print")
    assert [(check, page) for check, page, problem in found
            if problem.startswith(pdfx.SPOT_COLOUR)] == [("inks and crop marks", 5)], found


def test_a_font_used_only_in_a_pattern_must_be_embedded(config, source_pdfs, tmp_path):
    path = damaged_copy(source_pdfs[("trustees", "print")], tmp_path, _text_in_a_pattern)
    found = _problems(config, path, "trustees", "print")
    assert [problem for check, _page, problem in found if check == "fonts embedded"] \
        == ["font /Helvetica is not embedded"], found


def test_an_encrypted_print_file_is_found(config, source_pdfs, tmp_path):
    path = tmp_path / "encrypted.pdf"
    with pikepdf.open(source_pdfs[("trustees", "print")]) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="painotalo", user=""))
    found = _problems(config, path, "trustees", "print")
    assert [(check, page) for check, page, problem in found
            if problem.startswith(pdfx.ENCRYPTION)] == [("PDF/X identification", None)], found


def test_a_truncated_pdf_is_a_finding_not_a_traceback(config, source_pdfs, tmp_path):
    """A copy cut short (a full disk, an interrupted copy) is named with the fix, by
    check.pdf and by the proof, and the other files are still checked."""
    paths = BuildPaths(tmp_path / "build")
    paths.pdf.mkdir(parents=True)
    whole = source_pdfs[("trustees", "booklet")]
    shutil.copy(whole, paths.pdf / whole.name)
    cut = source_pdfs[("trustees", "print")]
    (paths.pdf / cut.name).write_bytes(cut.read_bytes()[:20000])
    findings = verify_build(config, paths)
    unreadable = [f for f in findings if not f.passed and f.check == "readable"]
    assert [f.pdf.name for f in unreadable] == [cut.name]
    assert "not a readable PDF" in unreadable[0].problem and "invoke pdf" in unreadable[0].problem
    assert any(f.pdf.name == whole.name and f.passed for f in findings)
    proof = write_proof(config, paths).read_text(encoding="utf-8")
    assert "not a readable PDF" in proof and f'{whole.stem}-p1.png' in proof


@pytest.mark.slow
def test_check_pdf_reads_the_folder_a_build_wrote_to(config, source_pdfs, tmp_path):
    """`invoke pdf --build-dir DIR` then `invoke check.pdf --build-dir DIR`: it checked
    build/pdf whatever the folder (its older files' "ok"), and had no such option."""
    paths = BuildPaths(tmp_path / "elsewhere")
    paths.pdf.mkdir(parents=True)
    good = source_pdfs[("trustees", "print")]
    shutil.copy(good, paths.pdf / good.name)
    result = invoke(PROJECT_ROOT, "check.pdf", "--build-dir", str(paths.root))
    assert result.returncode == 0 and f"{good.name}  ok" in result.stdout, result
    bad = damaged_copy(source_pdfs[("trustees", "booklet")], paths.pdf,
                       lambda pdf: _with_image(pdf, pdf.pages[1], pikepdf.Name.DeviceRGB))
    result = invoke(PROJECT_ROOT, "check.pdf", "--build-dir", str(paths.root))
    assert result.returncode == 1 and f"{bad.name}  FAIL" in result.stdout, result
    result = invoke(PROJECT_ROOT, "proof", "--build-dir", str(paths.root))
    assert result.returncode == 0 and (paths.root / "proof" / "index.html").is_file(), result
