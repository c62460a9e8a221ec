"""Read a page's content stream as marked-content sequences with their text (pikepdf).

Shared by the tagging repair and by `invoke check.pdf`: each top-level sequence (`BDC`
with an MCID, or an `/Artifact`) with the text it shows, decoded through the fonts'
ToUnicode maps, `/ActualText` applied, and where its lines start.
"""

from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass, field

import pikepdf

# Operators that put marks on the page: text, paths, shadings, images, form XObjects.
PAINTING = frozenset({"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*",
                      "sh", "Do", "INLINE IMAGE"})
TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f]*)>")


class _Codes(dict):
    """A font's glyph code (an int) -> text; a code its ToUnicode map lacks reads as U+FFFD."""

    def __missing__(self, code: int) -> str:
        return "\ufffd"


@dataclass(frozen=True)
class Font:
    """What reading a font's text needs: bytes per glyph code and code -> text."""

    width: int
    codes: _Codes

    def glyph_codes(self, data: bytes) -> array | bytes:
        """The glyph codes of a string as ints, a trailing partial code left out."""
        if self.width == 1:
            return data
        glyphs = array("H", data[:len(data) - len(data) % 2])
        if sys.byteorder == "little":
            glyphs.byteswap()
        return glyphs


_NO_FONT = Font(1, _Codes())


@dataclass
class TextShow:
    """One text-showing operator: its index in the page's operators, glyph codes and text."""

    index: int
    codes: array | bytes  # glyph codes as ints
    font: Font
    baseline: float
    text: str = ""

    @property
    def width(self) -> int:
        """Bytes per glyph code."""
        return self.font.width

    def glyph_texts(self) -> list[str]:
        """The text of each glyph, in order."""
        return list(map(self.font.codes.__getitem__, self.codes))


@dataclass
class ActualSpan:
    """A `/ActualText` span: what a reader gets, the text of the glyphs it covers, and
    which of its sequence's text-showing operators it holds (`start` up to `end`)."""

    actual: str
    covered: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Sequence:
    """A top-level marked-content sequence of a page: `begin`..`end` operator indices."""

    tag: str
    mcid: int | None
    begin: int
    end: int = -1
    shows: list[TextShow] = field(default_factory=list)
    text: str = ""  # as a reader gets it: ActualText replaces what it covers
    nested: list[str] = field(default_factory=list)  # tags of marked content inside
    spans: list[ActualSpan] = field(default_factory=list)  # its /ActualText spans, in order

    @property
    def artifact(self) -> bool:
        return self.tag == "/Artifact"


@dataclass
class PageContent:
    page: pikepdf.Page
    sequences: list[Sequence]
    unmarked: list[tuple[int, str]]  # painting operators outside any marked content

    @property
    def operators(self) -> list:
        """The page's operators, parsed again at each call: kept for every page, pikepdf's
        objects took 160 MB for 250 pages, the peak of a render (0.5 s to parse them all)."""
        return pikepdf.parse_content_stream(self.page)

    def by_mcid(self) -> dict[int, Sequence]:
        return {s.mcid: s for s in self.sequences if s.mcid is not None}


def _hex_text(value: bytes) -> str:
    return bytes.fromhex(value.decode()).decode("utf-16-be", errors="replace")


def unicode_map(font: pikepdf.Object) -> Font:
    """A font's glyph codes and their text, from its ToUnicode CMap."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    codes: dict[bytes, str] = {}
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return Font(width, _Codes())
    data = stream.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(block)
        for source, target in zip(pairs[::2], pairs[1::2], strict=False):
            codes[bytes.fromhex(source.decode())] = _hex_text(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            low, high, *targets = _HEX.findall(line)
            first, last = int(low, 16), int(high, 16)
            size = len(low) // 2
            for offset, code in enumerate(range(first, last + 1)):
                if "[" in line.decode("latin-1"):
                    text = _hex_text(targets[offset]) if offset < len(targets) else ""
                else:
                    text = chr(ord(_hex_text(targets[0])[-1]) + offset)
                codes[code.to_bytes(size, "big")] = text
    # A code of another length than the font's never matches a glyph.
    return Font(width, _Codes({int.from_bytes(code, "big"): text
                               for code, text in codes.items() if len(code) == width}))


def _string_bytes(operand) -> bytes:
    """The bytes a Tj/TJ operand shows, its strings joined."""
    written = operand.unparse()
    if re.search(rb"\((?!\))", written):
        # A literal string: let pikepdf read it (seven times slower than the hex form).
        items = operand if isinstance(operand, pikepdf.Array) else [operand]
        return b"".join(bytes(item) for item in items if isinstance(item, pikepdf.String))
    return bytes.fromhex(b"".join(_HEX_STRING.findall(written)).decode())


def _show(index: int, operand, font: Font, baseline: float) -> TextShow:
    codes = font.glyph_codes(_string_bytes(operand))
    # The glyphs decoded in bulk: map and join run in C.
    return TextShow(index, codes, font, baseline, "".join(map(font.codes.__getitem__, codes)))


def _properties(operands, resources) -> pikepdf.Object | None:
    if len(operands) < 2:
        return None
    properties = operands[1]
    if isinstance(properties, pikepdf.Name):
        properties = (resources.get("/Properties") or {}).get(properties)
    return properties if isinstance(properties, pikepdf.Dictionary) else None


# Operators whose operands the reading needs.
_READ_OPERANDS = frozenset({"BDC", "BMC", "Tf", "Tm", "Td", "TD"}) | TEXT_SHOWING


def read_page(page: pikepdf.Page, font_maps: dict | None = None) -> PageContent:
    """The page's operators and its top-level marked-content sequences; `font_maps`
    keeps fonts' Unicode maps between the pages of one PDF.

    Form XObjects are not entered: a `Do` counts as marked by the sequence around it.
    """
    resources = page.obj.get("/Resources") or pikepdf.Dictionary()
    fonts = resources.get("/Font") or pikepdf.Dictionary()
    font_maps = {} if font_maps is None else font_maps
    maps: dict[str, Font] = {}
    sequences: list[Sequence] = []
    unmarked: list[tuple[int, str]] = []
    stack: list[tuple[str, str | None]] = []  # (tag, ActualText) of open sequences
    actual_open = False  # text inside an ActualText span is replaced by it, once
    font = _NO_FONT
    baseline = 0.0
    for index, instruction in enumerate(pikepdf.parse_content_stream(page)):
        operator = str(instruction.operator)
        operands = list(instruction.operands) if operator in _READ_OPERANDS else []
        if operator in ("BDC", "BMC"):
            tag = str(operands[0])
            properties = _properties(operands, resources) if operator == "BDC" else None
            actual = properties.get("/ActualText") if properties is not None else None
            if not stack:
                mcid = properties.get("/MCID") if properties is not None else None
                sequences.append(Sequence(tag, int(mcid) if mcid is not None else None, index))
            else:
                sequences[-1].nested.append(tag if properties is None or "/MCID" not in properties
                                            else f"{tag} MCID {int(properties.MCID)}")
            if actual is not None and not actual_open:
                sequences[-1].text += str(actual)
                sequences[-1].spans.append(ActualSpan(str(actual),
                                                      start=len(sequences[-1].shows)))
                actual_open = True
                stack.append((tag, "actual"))
            else:
                stack.append((tag, None))
        elif operator == "EMC":
            if stack and stack.pop()[1] == "actual":
                actual_open = False
                sequences[-1].spans[-1].end = len(sequences[-1].shows)
            if not stack and sequences:
                sequences[-1].end = index
        elif operator == "Tf":
            name = str(operands[0])
            if name not in maps and name in fonts:
                key = fonts[name].objgen
                if key not in font_maps or key == (0, 0):
                    font_maps[key] = unicode_map(fonts[name])
                maps[name] = font_maps[key]
            font = maps.get(name, _NO_FONT)
        elif operator == "Tm":
            baseline = float(operands[5])
        elif operator in ("Td", "TD"):
            baseline += float(operands[1])
        if operator in PAINTING:
            if not stack:
                unmarked.append((index, operator))
            elif operator in TEXT_SHOWING:
                show = _show(index, operands[-1], font, baseline)
                sequences[-1].shows.append(show)
                if not actual_open:
                    sequences[-1].text += show.text
                else:
                    sequences[-1].spans[-1].covered += show.text
    return PageContent(page, sequences, unmarked)
