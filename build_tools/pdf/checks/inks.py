"""Which colours a PDF paints, read from its content streams (pikepdf): every colour set
for filling or stroking, every image, shading and transparency group, with the page and
the object it is in, and the crop-mark strokes in registration colour."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

_SPACE_OF_OPERATOR = {"rg": "/DeviceRGB", "RG": "/DeviceRGB", "g": "/DeviceGray",
                      "G": "/DeviceGray", "k": "/DeviceCMYK", "K": "/DeviceCMYK"}
_COMPONENTS = {"/DeviceRGB": 3, "/DeviceGray": 1, "/DeviceCMYK": 4}


@dataclass(frozen=True)
class ColourUse:
    """One colour painted: its space ("RGB", "ICC RGB", "CMYK", "All", "Lab", ...), its values
    (empty for images and shadings) and where it is ("content stream", "image /Im0", ...)."""

    page: int
    space: str
    values: tuple[float, ...]
    where: str


Point = tuple[float, float]


@dataclass(frozen=True)
class Stroke:
    """The straight segments of a stroked path in default user space, ((x0, y0), (x1, y1))
    each, and the colour space it was stroked in."""

    page: int
    space: str
    segments: tuple[tuple[Point, Point], ...]


def space_kind(space) -> str:
    """"RGB" (device), "ICC RGB", "CMYK", "ICC CMYK", "Gray", "All" (registration), "Lab",
    "Pattern", ... of a colour space."""
    if isinstance(space, pikepdf.Name):
        name = str(space)
        return {"/DeviceRGB": "RGB", "/DeviceCMYK": "CMYK", "/DeviceGray": "Gray"}.get(
            name, name.lstrip("/"))
    family = str(space[0])
    if family == "/ICCBased":
        return "ICC " + {1: "Gray", 3: "RGB", 4: "CMYK"}.get(int(space[1].get("/N", 0)), "?")
    if family == "/Separation":
        # All: registration (every plate); None: paints nothing; any other name is a plate.
        return {"/All": "All", "/None": "None"}.get(str(space[1]), "Separation")
    if family in ("/Indexed", "/DeviceN"):
        return space_kind(space[1] if family == "/Indexed" else space[2])
    return family.lstrip("/")


def _resolve(name, resources) -> pikepdf.Object:
    if str(name) in _COMPONENTS or str(name) == "/Pattern":
        return pikepdf.Name(str(name))
    spaces = resources.get("/ColorSpace") or {}
    return spaces.get(str(name), pikepdf.Name(str(name)))


def _multiply(a, b):
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def scan(pdf: pikepdf.Pdf) -> tuple[list[ColourUse], list[Stroke]]:
    """Every colour use and every stroke of every page, forms and patterns included."""
    uses: list[ColourUse] = []
    strokes: list[Stroke] = []
    for number, page in enumerate(pdf.pages, 1):
        group = page.obj.get("/Group")
        if group is not None and "/CS" in group:
            uses.append(ColourUse(number, space_kind(group.CS), (), "page transparency group"))
        resources = page.obj.get("/Resources") or pikepdf.Dictionary()
        _scan_stream(page, resources, number, "content stream", (1, 0, 0, 1, 0, 0),
                     uses, strokes, set())
    return uses, strokes


def _scan_stream(stream, resources, page: int, where: str, ctm, uses: list, strokes: list,
                 seen: set) -> None:
    fill: pikepdf.Object = pikepdf.Name.DeviceGray
    stroke: pikepdf.Object = pikepdf.Name.DeviceGray
    stack: list[tuple[float, ...]] = []
    path: list[tuple[Point, Point]] = []
    point: Point | None = None
    for instruction in pikepdf.parse_content_stream(stream):
        operands, op = instruction.operands, str(instruction.operator)
        space: pikepdf.Object
        if op in _SPACE_OF_OPERATOR:
            space = pikepdf.Name(_SPACE_OF_OPERATOR[op])
            fill, stroke = (space, stroke) if op.islower() else (fill, space)
            uses.append(ColourUse(page, space_kind(space), tuple(map(float, operands)), where))
        elif op in ("cs", "CS"):
            space = _resolve(operands[0], resources)
            fill, stroke = (space, stroke) if op == "cs" else (fill, space)
        elif op in ("sc", "scn", "SC", "SCN"):
            space = fill if op.islower() else stroke
            values = tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name))
            uses.append(ColourUse(page, space_kind(space), values, where))
            if operands and isinstance(operands[-1], pikepdf.Name):
                pattern = (resources.get("/Pattern") or {}).get(str(operands[-1]))
                if pattern is not None:
                    _scan_object(pattern, page, f"pattern {operands[-1]}", ctm, uses, strokes,
                                 seen)
        elif op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(map(float, operands)), ctm)
        elif op in ("m", "l"):
            x, y = map(float, operands)
            previous = point
            point = (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
            if op == "l" and previous is not None:
                path.append((previous, point))
        elif op in ("S", "s", "B", "B*", "b", "b*"):
            strokes.append(Stroke(page, space_kind(stroke), tuple(path)))
            path = []
        elif op in ("f", "F", "f*", "n"):
            path = []
        elif op == "sh":
            shading = (resources.get("/Shading") or {}).get(str(operands[0]))
            if shading is not None:
                uses.append(ColourUse(page, space_kind(shading.ColorSpace), (),
                                      f"shading {operands[0]}"))
        elif op == "Do":
            xobject = (resources.get("/XObject") or {}).get(str(operands[0]))
            if xobject is not None:
                _scan_object(xobject, page, f"{operands[0]} in {where}", ctm, uses, strokes,
                             seen)
        elif op == "INLINE IMAGE":
            inline = operands[0].colorspace
            if inline is not None:
                uses.append(ColourUse(page, space_kind(_resolve(inline, resources)), (),
                                      f"inline image in {where}"))


def _scan_object(xobject, page: int, where: str, ctm, uses: list, strokes: list,
                 seen: set) -> None:
    """An image's colour space, or a form's or tiling pattern's content, each once a page."""
    if (page, xobject.objgen) in seen and xobject.objgen != (0, 0):
        return
    seen.add((page, xobject.objgen))
    if xobject.get("/Subtype") == "/Image":
        if "/ColorSpace" in xobject:
            uses.append(ColourUse(page, space_kind(xobject.ColorSpace), (), f"image {where}"))
        return
    if "/Shading" in xobject and xobject.get("/PatternType") == 2:
        uses.append(ColourUse(page, space_kind(xobject.Shading.ColorSpace), (),
                              f"shading {where}"))
        return
    group = xobject.get("/Group")
    if group is not None and "/CS" in group:
        uses.append(ColourUse(page, space_kind(group.CS), (), f"transparency group {where}"))
    if "/Matrix" in xobject:
        ctm = _multiply(tuple(float(v) for v in xobject.Matrix), ctm)
    _scan_stream(xobject, xobject.get("/Resources") or pikepdf.Dictionary(), page, where, ctm,
                 uses, strokes, seen)


def registration_strokes(strokes: list[Stroke], page: int) -> Iterator[Stroke]:
    return (stroke for stroke in strokes if stroke.page == page and stroke.space == "All")
