"""The print PDF as a press's RIP separates it (Ghostscript's tiffsep, one TIFF per plate):
text and greys on the black plate only, the brand blue on cyan, magenta and black, no
yellow anywhere, and the crop marks on every plate, outside the bleed."""

from __future__ import annotations

import os
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageChops

from build_tools.pdf.imposition import MM

DPI = 50
PLATES = ("Cyan", "Magenta", "Yellow", "Black")


@pytest.fixture(scope="module")
def separations(source_pdfs, tmp_path_factory):
    """{page number: {plate: image}} of the trustees' print PDF, and its pages' boxes."""
    if shutil.which("gs") is None:
        message = "Ghostscript (gs) is not installed: apt-get install ghostscript"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run installs it)")
        pytest.skip(message)
    path = source_pdfs[("trustees", "print")]
    folder = tmp_path_factory.mktemp("separations")
    # -dUsePDFX3Profile: the output intent's profile is the press's, as at the print shop;
    # without it Ghostscript converts the file's FOGRA39 colours to its own default CMYK.
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUsePDFX3Profile",
                    "-sDEVICE=tiffsep", f"-r{DPI}", f"-sOutputFile={folder}/p%d.tif",
                    str(path)], check=True, timeout=120)
    with pikepdf.open(path) as pdf:
        boxes = [{name: [float(v) for v in page.obj[name]]
                  for name in ("/MediaBox", "/BleedBox", "/TrimBox")} for page in pdf.pages]
    plates = {number: {plate: Image.open(folder / f"p{number}({plate}).tif").convert("L")
                       for plate in PLATES} for number in range(1, len(boxes) + 1)}
    return plates, boxes


def pixels(box, media, inset=1):
    """A PDF box as a pixel rectangle (left, top, right, bottom) of the rendered MediaBox."""
    scale = DPI / 72
    return (round((box[0] - media[0]) * scale) + inset, round((media[3] - box[3]) * scale) + inset,
            round((box[2] - media[0]) * scale) - inset, round((media[3] - box[1]) * scale) - inset)


def ink(image, area=None) -> Image.Image:
    """A mask of the pixels with ink on a plate (tiffsep: 255 is no ink), in `area`."""
    image = image.crop(area) if area else image
    return image.point(lambda value: 255 if value < 250 else 0).convert("1")


def count(mask: Image.Image) -> int:
    return mask.histogram()[255]


def test_no_yellow_and_cyan_only_in_the_brand_blue(separations):
    plates, boxes = separations
    for number, page in plates.items():
        trim = pixels(boxes[number - 1]["/TrimBox"], boxes[number - 1]["/MediaBox"])
        assert not count(ink(page["Yellow"], trim)), f"page {number}: yellow inside the trim box"
        cyan, magenta = ink(page["Cyan"], trim), ink(page["Magenta"], trim)
        assert not count(ImageChops.subtract(cyan, magenta)), \
            f"page {number}: cyan without magenta, which is not the brand blue"


def test_body_text_is_on_the_black_plate_only(separations):
    """Most black ink of the book has no other ink under it; on every text page more than
    half (a page with a blue heading and one line, such as the first release's "what
    changed", has the least); some pages have only black."""
    plates, boxes = separations
    black_only_pages = []
    black_total = black_only_total = 0
    for number, page in plates.items():
        trim = pixels(boxes[number - 1]["/TrimBox"], boxes[number - 1]["/MediaBox"])
        black = ink(page["Black"], trim)
        colour = ImageChops.logical_or(ink(page["Cyan"], trim), ink(page["Magenta"], trim))
        if number == 1 or count(black) < 500:
            continue  # the cover (the blue band) and blank pages
        black_only = count(ImageChops.subtract(black, colour))
        assert black_only > 0.5 * count(black), (number, black_only, count(black))
        black_total += count(black)
        black_only_total += black_only
        black_only_pages += [number] if not count(colour) else []
    assert black_only_total > 0.8 * black_total, (black_only_total, black_total)
    assert len(black_only_pages) >= 2, f"pages in black ink only: {black_only_pages}"


def test_cover_band_is_blue_into_the_bleed(separations):
    plates, boxes = separations
    page, box = plates[1], boxes[0]
    bleed = pixels(box["/BleedBox"], box["/MediaBox"], inset=0)
    corner = (bleed[0], bleed[1], bleed[0] + 2, bleed[1] + 2)  # the top left of the bleed
    for plate, share in (("Cyan", 0.94), ("Magenta", 0.57), ("Black", 0.15)):
        values = [page[plate].getpixel((x, y)) for x in range(corner[0], corner[2])
                  for y in range(corner[1], corner[3])]
        assert all(abs((255 - value) / 255 - share) < 0.03 for value in values), (plate, values)


def test_crop_marks_print_on_every_plate_outside_the_bleed(separations):
    plates, boxes = separations
    mark_pixels = 5 * MM * DPI / 72
    for number, page in plates.items():
        box = boxes[number - 1]
        bleed = pixels(box["/BleedBox"], box["/MediaBox"], inset=-1)
        for plate in PLATES:
            outside = ink(page[plate])
            outside.paste(0, bleed)
            assert count(outside) >= 8 * mark_pixels / 2, (number, plate, count(outside))
