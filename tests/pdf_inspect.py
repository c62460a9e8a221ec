"""Helpers that read facts out of built PDFs for the tests: text by page, outline, links, fonts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont
from pypdf import PdfReader


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(reader: PdfReader) -> list[str]:
    """The text of each page, with words hyphenated at line ends joined again."""
    return [normalize(re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", page.extract_text()))
            for page in reader.pages]


def outline(reader: PdfReader) -> list:
    """The bookmarks as nested (title, page_index, children) tuples."""
    def convert(items):
        result = []
        for index, item in enumerate(items):
            if isinstance(item, list):
                continue
            children = items[index + 1] if index + 1 < len(items) and isinstance(items[index + 1], list) else []
            result.append((item.title, reader.get_destination_page_number(item), convert(children)))
        return result
    return convert(reader.outline)


def header_text(reader: PdfReader, page_index: int, margin_pt: float) -> str:
    """Text drawn in the top `margin_pt` of a page: the running head."""
    page = reader.pages[page_index]
    top = float(page.mediabox.top)
    parts = []

    def visit(text, cm, tm, font_dict, font_size):
        y = cm[5] + tm[5] * cm[3] if cm else tm[5]
        if text.strip() and y > top - margin_pt:
            parts.append(text)

    page.extract_text(visitor_text=visit)
    return normalize("".join(parts))


def link_targets(reader: PdfReader, page_index: int) -> list[int]:
    """Destination page indexes of the internal links on a page, one per line, top to bottom.

    WeasyPrint writes one annotation per box of a link (text, leader, number);
    the boxes of one line of the table of contents share their baseline.
    """
    targets = {}
    for annotation in reader.pages[page_index].get("/Annots") or []:
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        destination = annotation.get("/Dest")
        if destination is None and "/A" in annotation:
            destination = annotation["/A"].get("/D")
        if destination is None:
            continue
        if isinstance(destination, str) or not hasattr(destination, "__getitem__"):
            page = reader.get_destination_page_number(reader.named_destinations[str(destination)])
        else:
            page = reader.get_page_number(destination[0].get_object())
        bottom = round(float(annotation["/Rect"][1]))
        targets.setdefault(bottom, page)
    return [targets[bottom] for bottom in sorted(targets, reverse=True)]


def embedded_fonts(reader: PdfReader) -> list[dict]:
    """Every font used on any page, with its embedded file's family and subfamily names."""
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            file_stream = next((descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile")
                                if key in descriptor), None)
            info = {"base": str(font["/BaseFont"]), "embedded": file_stream is not None}
            if file_stream is not None:
                names = TTFont(io.BytesIO(file_stream.get_object().get_data()))["name"]
                info["family"] = names.getDebugName(1)
                info["style"] = names.getDebugName(2)
            fonts[info["base"]] = info
    return list(fonts.values())


def shipped_font_names(fonts_dir: Path) -> set[tuple[str, str]]:
    """(family, subfamily) of every font file shipped in the repository."""
    names = set()
    for path in fonts_dir.glob("*.ttf"):
        table = TTFont(path)["name"]
        names.add((table.getDebugName(1), table.getDebugName(2)))
    return names


def bold_text(reader: PdfReader, page_index: int) -> str:
    """Text set in the bold face on a page: the headings, told apart from links and body text."""
    parts = []

    def visit(text, cm, tm, font_dict, font_size):
        if font_dict and str(font_dict.get("/BaseFont", "")).endswith("Sans-Bold"):
            parts.append(text)

    reader.pages[page_index].extract_text(visitor_text=visit)
    return normalize(" ".join(parts))


def damaged_copy(source: Path, folder: Path, change: Callable[[pikepdf.Pdf], None]) -> Path:
    """A copy of `source` in `folder`, changed by `change(pdf)`: a known-bad file for a check."""
    path = folder / source.name
    shutil.copy(source, path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        change(pdf)
        pdf.save(path)
    return path


def footers(pdf: Path) -> list[tuple[int, int] | None]:
    """(page, pages) of each page's "n / N" footer, read by poppler's pdftotext."""
    with pikepdf.open(pdf) as document:
        count = len(document.pages)
    found = []
    for number in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout",
                               str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        match = re.search(r"^\s*(\d+) ?/ ?(\d+)\s*$", text, re.MULTILINE)
        found.append((int(match[1]), int(match[2])) if match else None)
    return found
