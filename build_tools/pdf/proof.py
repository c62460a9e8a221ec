"""A soft proof of the built PDFs (`invoke proof`): every page as a picture, the print pages
with their trim and bleed boxes and their plates, check.pdf's findings on the page they
concern, and what an order at a print shop needs."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from build_tools.config import HandbookConfig
from build_tools.files import publish_tree
from build_tools.paths import BuildPaths
from build_tools.pdf.checks import declared_pdfs, verify_build
from build_tools.pdf.checks.common import Finding
from build_tools.pdf.colour import condition
from build_tools.pdf.imposition import MM

DPI = 40
TRIM_COLOUR, BLEED_COLOUR = (200, 0, 0), (0, 120, 0)
STYLE = """body { font: 16px/1.5 sans-serif; margin: 1rem 2rem; color: #1a1a1a; }
.pages { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
figure { margin: 0; }
img { border: 1px solid #767676; display: block; max-width: 30vw; height: auto; }
.plates { display: flex; gap: 0.25rem; } .problem { color: #a00000; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 0.2rem 0.8rem 0.2rem 0; }
.legend-trim { color: #c80000; } .legend-bleed { color: #007800; }"""


def write_proof(config: HandbookConfig, paths: BuildPaths) -> Path:
    """Write build/proof/index.html and its pictures from the PDFs in build/pdf."""
    declared = declared_pdfs(config)
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in verify_build(config, paths):
        findings[finding.pdf.name].append(finding)
    work = paths.work / "proof"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sections = [_section(path, declared[path.name], findings[path.name], work, config.variants)
                for path in sorted(paths.pdf.glob("*.pdf")) if path.name in declared]
    (work / "index.html").write_text(_page(sections), encoding="utf-8")
    publish_tree(work, paths.root / "proof")
    return paths.root / "proof" / "index.html"


def _section(path: Path, declared, findings: list[Finding], folder: Path, variants) -> str:
    edition, language, variant = declared
    # A booklet's pages, and so its colours, are those of the variant it imposes.
    pages_variant = variants[variant.pages_from] if variant.imposition else variant
    unit = "Sheet side" if variant.imposition else "Page"
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return _unreadable(path, edition.title, variant.name, language.name, findings)
    try:
        pictures = [_thumbnail(document[index], bool(variant.bleed_mm))
                    for index in range(len(document))]
        width, height = (value / MM for value in document[0].get_trimbox()[2:])
    finally:
        document.close()
    printing = condition(pages_variant.output_intent)
    plates = _plates(path, len(pictures)) if printing and printing.components == 4 else None
    stem = path.stem
    pages = []
    for number, picture in enumerate(pictures, 1):
        name = f"{stem}-p{number}.png"
        picture.save(folder / name)
        images = [f'<img src="{name}" alt="{unit} {number}: as printed'
                  f'{", trim box in red, bleed box in green" if variant.bleed_mm else ""}">']
        for kind, image in (plates or {}).get(number, {}).items():
            image.save(folder / f"{stem}-p{number}-{kind}.png")
            images.append(f'<img src="{stem}-p{number}-{kind}.png" alt="{unit} {number}: the '
                          f'{kind} plate{"s" if kind == "colour" else ""}">')
        problems = "".join(f'<li class="problem">{html.escape(f.check)}: '
                           f"{html.escape(f.problem)}</li>" for f in findings
                           if f.page == number and not f.passed)
        pages.append(f'<li><figure><div class="plates">{"".join(images)}</div>'
                     f"<figcaption>{unit} {number}"
                     f'{f"<ul>{problems}</ul>" if problems else ""}</figcaption></figure></li>')
    document_problems = [f for f in findings if not f.passed and f.page is None]
    failed = sum(not f.passed for f in findings)
    facts = [("File", path.name), ("Pages", str(len(pictures))),
             ("Page size", f"{width:.0f} x {height:.0f} mm"),
             ("Paper with bleed", f"{width + 2 * variant.bleed_mm:.0f} x "
                                  f"{height + 2 * variant.bleed_mm:.0f} mm"
              if variant.bleed_mm else "no bleed"),
             ("Binding", variant.binding or (f"booklet: {variant.imposition}, "
                                             f"{variant.sheet_size} sheets"
                                             if variant.imposition else "none")),
             ("Colour", printing.name.upper() if printing else "screen (sRGB)"),
             ("Standard", variant.pdf_variant.upper() or "none"),
             ("check.pdf", "ok" if not failed else f"{failed} problem(s)")]
    rows = "".join(f"<tr><th scope='row'>{key}</th><td>{html.escape(value)}</td></tr>"
                   for key, value in facts)
    problems = "".join(f'<li class="problem">{html.escape(f.check)}: {html.escape(f.problem)}'
                       "</li>" for f in document_problems)
    return (f'<section aria-labelledby="{stem}"><h2 id="{stem}">{html.escape(edition.title)}'
            f" ({variant.name}, {html.escape(language.name)})</h2><table>{rows}</table>"
            f'{f"<ul>{problems}</ul>" if problems else ""}'
            f'<ul class="pages">{"".join(pages)}</ul></section>')


def _unreadable(path: Path, title: str, variant: str, language: str,
                findings: list[Finding]) -> str:
    """The section of a file that is not a readable PDF: its problem, no pages."""
    problems = "".join(f'<li class="problem">{html.escape(f.check)}: {html.escape(f.problem)}'
                       "</li>" for f in findings if not f.passed)
    return (f'<section aria-labelledby="{path.stem}"><h2 id="{path.stem}">{html.escape(title)}'
            f" ({variant}, {html.escape(language)})</h2><ul>{problems}</ul></section>")


def _thumbnail(page: pdfium.PdfPage, boxes: bool) -> Image.Image:
    """The page rendered, with its trim and bleed boxes drawn over it for a print file."""
    scale = DPI / 72
    image = page.render(scale=scale).to_pil().convert("RGB")
    if boxes:
        left, _bottom, _right, top = page.get_cropbox()
        draw = ImageDraw.Draw(image)
        for box, colour in ((page.get_bleedbox(), BLEED_COLOUR), (page.get_trimbox(), TRIM_COLOUR)):
            x0, y0, x1, y1 = box
            draw.rectangle(((x0 - left) * scale, (top - y1) * scale,
                            (x1 - left) * scale, (top - y0) * scale), outline=colour)
    return image


def _plates(path: Path, pages: int) -> dict[int, dict[str, Image.Image]] | None:
    """Each page's black plate, and its cyan, magenta and yellow plates as one picture, as
    Ghostscript separates them with the output intent's profile; None without Ghostscript."""
    if shutil.which("gs") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUsePDFX3Profile",
                        "-sDEVICE=tiffsep", f"-r{DPI}", f"-sOutputFile={folder}/p%d.tif",
                        str(path)], check=True, timeout=300)
        plates = {}
        for number in range(1, pages + 1):
            cyan, magenta, yellow, black = (
                Image.open(f"{folder}/p{number}({plate}).tif").convert("L")
                for plate in ("Cyan", "Magenta", "Yellow", "Black"))
            # A plate is 255 where it has no ink: as red, green and blue they mix to the
            # colours the three inks print.
            plates[number] = {"black": black, "colour": Image.merge("RGB", (cyan, magenta, yellow))}
        return plates


def _page(sections: list[str]) -> str:
    legend = ('<p>Print files: <span class="legend-trim">red, the trim box</span> (where the '
              'paper is cut); <span class="legend-bleed">green, the bleed box</span>. Beside '
              "each print page: its black plate and its cyan, magenta and yellow plates.</p>")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Soft proof of '
            f"the handbooks</title><style>{STYLE}</style></head><body><main><h1>Soft proof "
            f"of the handbooks</h1>{legend}{''.join(sections)}</main></body></html>\n")
