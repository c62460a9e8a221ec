"""`invoke proof`: every page of every PDF, the print boxes and plates, the findings of
check.pdf on the page they concern, and the facts a print order needs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest

from build_tools.paths import BuildPaths
from build_tools.pdf.proof import write_proof


@pytest.fixture(scope="module")
def proof(config, source_pdfs, tmp_path_factory):
    """The proof of the source language's PDFs, the trustees' print file given a link on
    page 3 (an annotation check.pdf refuses)."""
    paths = BuildPaths(tmp_path_factory.mktemp("proof-build"))
    paths.pdf.mkdir(parents=True)
    for (_edition, variant), path in source_pdfs.items():
        if variant != "screen":
            shutil.copy(path, paths.pdf / path.name)
    damaged = paths.pdf / source_pdfs[("trustees", "print")].name
    with pikepdf.open(damaged, allow_overwriting_input=True) as pdf:
        link = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[50, 50, 150, 70]))
        pdf.pages[2].obj.Annots = pikepdf.Array([link])
        pdf.save(damaged)
    index = write_proof(config, paths)
    return index, index.read_text(encoding="utf-8")


def section(text: str, pdf_name: str) -> str:
    return re.search(rf'<section aria-labelledby="{re.escape(Path(pdf_name).stem)}">.*?</section>',
                     text).group()


def test_every_page_is_shown_with_its_plates(proof, source_pdfs):
    index, text = proof
    for (_edition, variant), path in source_pdfs.items():
        if variant == "screen":
            continue
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        part = section(text, path.name)
        assert f"<th scope='row'>Pages</th><td>{pages}</td>" in part
        images = re.findall(r'<img src="([^"]+)"', part)
        # The page, its black plate and its colour plates (a booklet's pages are CMYK too).
        assert len(images) == 3 * pages, (path.name, len(images))
        assert all((index.parent / image).stat().st_size > 500 for image in images)


def test_the_order_facts_of_the_print_file(proof, source_pdfs):
    part = section(proof[1], source_pdfs[("trustees", "print")].name)
    assert "<td>148 x 210 mm</td>" in part and "<td>154 x 216 mm</td>" in part
    assert "<td>saddle-stitch</td>" in part and "<td>FOGRA39</td>" in part


def test_a_finding_is_shown_on_its_page(proof, source_pdfs):
    part = section(proof[1], source_pdfs[("trustees", "print")].name)
    pages = re.findall(r"<figcaption>Page (\d+)(.*?)</figcaption>", part)
    flagged = [number for number, caption in pages if "annotation" in caption]
    assert flagged == ["3"], pages
    assert "<td>1 problem(s)</td>" in part
