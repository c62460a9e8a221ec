"""Chosen pages of the built PDFs as small PNG files (pdfium), for reviewers and the README."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader

from build_tools.errors import BuildError
from build_tools.paths import DOCS_DIR
from build_tools.pdf.checks import bookmark_pages

PREVIEW_DIR = DOCS_DIR / "previews"
# Low resolution and a small palette keep the committed images small.
DPI = 60
COLOURS = 32
# The previews of a release's parts (render_release_previews), made from a release's PDF,
# not from the last build: render_previews keeps them.
RELEASE_PARTS = ("colophon", "changes")
# The anchor of the "what changed" appendix in the print HTML (build_tools/sphinxext/release.py).
CHANGES_ANCHOR = "handbook-changes"
log = logging.getLogger(__name__)


def chosen_pages(imposed: bool, has_text: list[bool], toc_page: int) -> dict[str, list[int]]:
    """The pages (0-based) to show per preview name: single pages, or a spread side by side.

    The body spread is the first after the table of contents with text on both sides:
    a left-hand page (even number, odd index) and the page facing it.
    """
    if imposed:
        # The outer sheet (covers) and the third, whose front has text on both halves
        # in a booklet of 12 pages or more.
        return {"sheet-1-front": [0], "sheet-3-front": [min(4, len(has_text) - 1)]}
    lefts = range(toc_page + 1 + toc_page % 2, len(has_text) - 1, 2)
    left = next((i for i in lefts if has_text[i] and has_text[i + 1]), lefts[0] if lefts else 0)
    return {"cover": [0], "contents": [toc_page],
            "spread": [i for i in (left, left + 1) if i < len(has_text)]}


def _render(document: pdfium.PdfDocument, indexes: list[int]) -> Image.Image:
    images = [document[index].render(scale=DPI / 72).to_pil() for index in indexes]
    width, height = sum(image.width for image in images), max(image.height for image in images)
    sheet = Image.new("RGB", (width, height), "white")
    x = 0
    for image in images:
        sheet.paste(image, (x, 0))
        x += image.width
    return sheet.quantize(COLOURS, method=Image.Quantize.MEDIANCUT)


def _toc_page(pdf: Path) -> int:
    """The page of the first bookmark, the table of contents (second page if none)."""
    with pikepdf.open(pdf) as document:
        marks = bookmark_pages(document)
        return marks[0][1] if marks else min(1, len(document.pages) - 1)


def render_previews(pdfs: list[tuple[Path, bool]], out_dir: Path = PREVIEW_DIR) -> list[Path]:
    """PNG previews of each (pdf, imposed?) into `out_dir`, replacing what was there.

    The images are written to a temporary folder first: a failure leaves the old
    previews in place.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".previews-", dir=out_dir.parent))
    staging.chmod(0o755)
    try:
        for pdf, imposed in pdfs:
            toc_page = 0 if imposed else _toc_page(pdf)
            document = pdfium.PdfDocument(pdf)
            try:
                has_text = [bool(document[i].get_textpage().get_text_range().strip())
                             for i in range(len(document))]
                pages = chosen_pages(imposed, has_text, toc_page)
                for name, indexes in pages.items():
                    _render(document, indexes).save(staging / f"{pdf.stem}-{name}.png",
                                                    optimize=True)
            finally:
                document.close()
        if out_dir.exists():
            for kept in out_dir.glob("*.png"):
                if kept.stem.endswith(tuple(f"-{part}" for part in RELEASE_PARTS)):
                    shutil.copy2(kept, staging / kept.name)
            old = out_dir.with_name(f".{out_dir.name}-old")
            os.replace(out_dir, old)
            os.replace(staging, out_dir)
            shutil.rmtree(old)
        else:
            os.replace(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    written = sorted(out_dir.glob("*.png"))
    log.info("%d previews, %.0f kB in %s", len(written),
             sum(path.stat().st_size for path in written) / 1024, out_dir)
    return written


def render_release_previews(pdf: Path, out_dir: Path = PREVIEW_DIR) -> list[Path]:
    """The colophon (the cover's back) and the first page of the "what changed" appendix
    of a PDF as `<pdf name>-colophon.png` and `<pdf name>-changes.png`."""
    reader = PdfReader(pdf)
    destination = reader.named_destinations.get(CHANGES_ANCHOR)
    changes = None if destination is None else reader.get_destination_page_number(destination)
    if changes is None or len(reader.pages) < 2:
        raise BuildError(f"{pdf}: no colophon and \"what changed\" appendix; use a screen "
                         "PDF built by this version of the pipeline")
    pages = {"colophon": 1, "changes": changes}
    out_dir.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(pdf)
    written = []
    try:
        for part in RELEASE_PARTS:
            target = out_dir / f"{pdf.stem}-{part}.png"
            staging = target.with_name(f".{target.name}")
            _render(document, [pages[part]]).save(staging, format="PNG", optimize=True)
            os.replace(staging, target)
            written.append(target)
    finally:
        document.close()
    return written
