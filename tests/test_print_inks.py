"""Images in a CMYK print file: a small page with an RGB JPEG, an RGB PNG with transparency,
a CMYK JPEG and an SVG, rendered by WeasyPrint for FOGRA39 and finished as the print
variant's images are, then separated by Ghostscript (tiffsep) and listed by poppler's
pdfimages: the readers a print shop's tools agree with."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError

from build_tools.config import project_config
from build_tools.paths import PRINT_THEME_DIR
from build_tools.pdf import press, raster_inks
from build_tools.pdf.checks.inks import ColourUse, scan
from build_tools.pdf.colour import cmyk_conversion
from build_tools.pdf.fetcher import PrintInksFetcher, SandboxedFetcher

BLUE, RED = (0x00, 0x5A, 0x9C), (0xC8, 0x10, 0x2E)
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
       b'<rect width="20" height="10" fill="#005a9c"/>'
       b'<rect y="10" width="20" height="10" style="fill: rgb(128 128 128)"/></svg>')
# Four 20 mm squares side by side; the PNG's right half is transparent over yellow ink.
PAGE = """<html><head><style>
@page { size: 100mm 30mm; margin: 0 }
img, div { position: absolute; top: 5mm; width: 20mm; height: 20mm }
</style></head><body>
<img src="rgb.jpg" style="left: 2mm"><div style="left: 26mm; background: device-cmyk(0 0 1 0)">
<img src="alpha.png" style="position: static"></div>
<img src="cmyk.jpg" style="left: 50mm"><img src="picture.svg" style="left: 74mm">
</body></html>"""
PLATES = ("Cyan", "Magenta", "Yellow", "Black")
DPI = 72


def colour_uses(path: Path) -> list[ColourUse]:
    with pikepdf.open(path) as pdf:
        return scan(pdf)[0]


def inks():
    return cmyk_conversion("fogra39")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The page as WeasyPrint writes it for the FOGRA39 print variant, before finishing."""
    folder = tmp_path_factory.mktemp("inks")
    Image.new("RGB", (80, 80), BLUE).save(folder / "rgb.jpg", quality=95)
    alpha = Image.new("RGBA", (80, 80), (*RED, 255))
    alpha.paste((0, 0, 0, 0), (40, 0, 80, 80))
    alpha.save(folder / "alpha.png")
    Image.new("CMYK", (80, 80), (0, 128, 255, 0)).save(folder / "cmyk.jpg", quality=95)
    (folder / "picture.svg").write_bytes(SVG)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    fetcher = PrintInksFetcher(SandboxedFetcher([folder]), inks())
    profile = CSS(string="@color-profile --fogra39 { src: url(color/FOGRA39L.icc); "
                  "components: cyan, magenta, yellow, black }",
                  base_url=str(PRINT_THEME_DIR / "static" / "x.css"))
    source = folder / "weasyprint.pdf"
    HTML(folder / "index.html", url_fetcher=fetcher).write_pdf(
        source, stylesheets=[profile], pdf_variant="pdf/x-4", output_intent="--fogra39")
    return source


@pytest.fixture(scope="module")
def finished(page, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("finished") / "print.pdf"
    path.write_bytes(press.pages_in_print_inks(page.read_bytes(), project_config().variants[
        "print"], tmp_path_factory.mktemp("cache")))
    return path


def separations(path: Path, folder: Path) -> dict[str, Image.Image]:
    if shutil.which("gs") is None:
        message = "Ghostscript (gs) is not installed: apt-get install ghostscript"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run installs it)")
        pytest.skip(message)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUsePDFX3Profile",
                    "-sDEVICE=tiffsep", f"-r{DPI}", f"-sOutputFile={folder}/p.tif", str(path)],
                   check=True, timeout=60)
    return {plate: Image.open(folder / f"p({plate}).tif").convert("L") for plate in PLATES}


def ink_at(plates: dict[str, Image.Image], x_mm: float, y_mm: float) -> tuple[float, ...]:
    """C, M, Y, K coverage (0 to 1) at a point of the page (tiffsep: 255 is no ink)."""
    point = (round(x_mm / 25.4 * DPI), round(y_mm / 25.4 * DPI))
    return tuple(round(1 - plates[plate].crop((*point, point[0] + 1, point[1] + 1)).tobytes()[0]
                       / 255, 2) for plate in PLATES)


def converted(rgb: tuple[int, ...]) -> tuple[float, ...]:
    """The CMYK (0 to 1) of an sRGB pixel, converted as the print file's pixels are."""
    return tuple(value / 255 for value in inks().pixels(Image.new("RGB", (1, 1), rgb)).tobytes())


def close(found, expected, tolerance=0.03) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(found, expected, strict=True))


def test_weasyprint_leaves_rgb_pixels_and_paints_the_svg_in_cmyk(page):
    """Before finishing: the RGB images are RGB (WeasyPrint cannot take CMYK with alpha),
    the CMYK JPEG is /DeviceCMYK with Adobe's inverted /Decode, and the SVG is vector."""
    with pikepdf.open(page) as pdf:
        images = list(pdf.pages[0].get_images().values())
        spaces = sorted(str(image.ColorSpace) for image in images)
        assert spaces == ["/DeviceCMYK", "/DeviceRGB", "/DeviceRGB"]
        [cmyk] = [image for image in images if image.ColorSpace == "/DeviceCMYK"]
        assert cmyk.Filter == "/DCTDecode" and list(cmyk.Decode) == [1, 0] * 4
    uses = [use for use in colour_uses(page) if use.space == "RGB"]
    assert {use.where.split()[0] for use in uses} == {"image"}, "only the two RGB images"


def test_every_image_is_cmyk_after_finishing_and_the_transparency_stays(finished):
    with pikepdf.open(finished) as pdf:
        images = list(pdf.pages[0].get_images().values())
        assert {str(image.ColorSpace) for image in images} == {"/DeviceCMYK"}
        [masked] = [image for image in images if "/SMask" in image]
        assert masked.SMask.ColorSpace == "/DeviceGray" and masked.Filter == "/FlateDecode"
    assert not [use for use in colour_uses(finished) if "RGB" in use.space]


def test_poppler_lists_every_image_as_cmyk(finished):
    if shutil.which("pdfimages") is None:
        pytest.skip("poppler-utils (pdfimages) is not installed")
    listing = subprocess.run(["pdfimages", "-list", str(finished)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    kinds = sorted((line.split()[2], line.split()[5]) for line in listing)
    assert kinds == [("image", "cmyk")] * 3 + [("smask", "gray")], listing


def test_ghostscript_separates_each_image_into_the_expected_inks(finished, tmp_path):
    plates = separations(finished, tmp_path)
    blue, red = (converted(colour) for colour in (BLUE, RED))
    assert close(ink_at(plates, 12, 15), blue), "the RGB JPEG"
    assert close(ink_at(plates, 31, 15), red), "the opaque half of the PNG"
    assert ink_at(plates, 41, 15) == (0, 0, 1, 0), "the yellow behind the transparent half"
    assert close(ink_at(plates, 60, 15), (0, 0.5, 1, 0)), "the CMYK JPEG as it was"
    assert close(ink_at(plates, 84, 10), (0.94, 0.57, 0, 0.15), 0.01), "the SVG's brand blue"
    grey = ink_at(plates, 84, 20)
    assert grey[:3] == (0, 0, 0) and 0.5 < grey[3] < 0.75, "the SVG's grey in black ink only"


def test_conversions_are_cached_and_the_output_is_the_same(page, tmp_path, monkeypatch):
    variant = project_config().variants["print"]
    first = press.pages_in_print_inks(page.read_bytes(), variant, tmp_path)
    assert len(list(tmp_path.iterdir())) == 2, "one entry per RGB image"

    def converted_again(*_args):
        raise AssertionError("converted although the cache has the image")

    monkeypatch.setattr(raster_inks, "_converted", converted_again)
    assert press.pages_in_print_inks(page.read_bytes(), variant, tmp_path) == first


def test_a_screen_variant_leaves_its_images_alone(page):
    screen = project_config().variants["screen"]
    assert press.pages_in_print_inks(page.read_bytes(), screen, None) == page.read_bytes()


@pytest.mark.parametrize(("svg", "problem"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="g"><stop offset="0"/>'
     b'<stop offset="1" stop-color="red"/></linearGradient><rect fill="url(#g)"/></svg>',
     '<linearGradient id="g"> is a gradient'),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="rgb(1 2)"/></svg>',
     "cannot read the colour in 'rgb(1 2)'"),
])
def test_an_svg_that_cannot_be_printed_in_cmyk_stops_the_render(tmp_path, svg, problem):
    (tmp_path / "bad.svg").write_bytes(svg)
    fetcher = PrintInksFetcher(SandboxedFetcher([tmp_path]), inks())
    with pytest.raises(FatalURLFetchingError) as error:
        fetcher.fetch((tmp_path / "bad.svg").as_uri())
    assert os.path.relpath(tmp_path / "bad.svg") in str(error.value)
    assert problem in str(error.value)


def test_other_files_pass_unchanged(tmp_path):
    data = io.BytesIO()
    Image.new("RGB", (4, 4), BLUE).save(data, format="PNG")
    (tmp_path / "a.png").write_bytes(data.getvalue())
    fetcher = PrintInksFetcher(SandboxedFetcher([tmp_path]), inks())
    assert fetcher.fetch((tmp_path / "a.png").as_uri()).read() == data.getvalue()
