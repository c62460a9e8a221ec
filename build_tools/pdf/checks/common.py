"""What the PDF checks share: expectations, findings, and geometry with a tolerance."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from build_tools.config import Variant
from build_tools.pdf.imposition import MM

# Box sizes agree when they differ by less than this many points (rounding in the files).
TOLERANCE_PT = 0.5

# A check yields (1-based page or None for the document, problem).
Problems = Iterator[tuple[int | None, str]]


@dataclass(frozen=True)
class Expectation:
    """What one PDF must be: its variant, language, trim size and chapters, the words
    of its text (to tell a line-end hyphen that breaks a word from one that belongs to it)
    and the text of its footnotes."""

    variant: Variant
    language: str
    page_size: str
    chapters: tuple[str, ...] | None = None
    words: frozenset[str] | None = None
    footnotes: tuple[str, ...] | None = None
    # The printing condition of an imposed variant's pages: that of the variant it
    # imposes (a booklet's pages are in the print file's inks). None: the variant's own.
    pages_intent: str | None = None

    @property
    def output_intent(self) -> str:
        """The printing condition the pages' colours must keep to."""
        return self.variant.output_intent if self.pages_intent is None else self.pages_intent


@dataclass(frozen=True)
class Finding:
    """One check of one PDF: passed when `problem` is empty; `page` is 1-based."""

    pdf: Path
    check: str
    problem: str = ""
    page: int | None = None

    @property
    def passed(self) -> bool:
        return not self.problem


def xmp(pdf: pikepdf.Pdf, key: str) -> str:
    return str(pdf.open_metadata().get(key, ""))


def box(page: pikepdf.Page, name: str) -> tuple[float, ...] | None:
    """A box the page itself declares, or None."""
    box = page.obj.get(name)
    return tuple(float(value) for value in box) if box is not None else None


def media_box(page: pikepdf.Page) -> tuple[float, ...]:
    """The page's MediaBox, which it may inherit from the page tree."""
    return tuple(float(value) for value in page.mediabox)


def inside(box, area) -> bool:
    left, bottom, right, top = box
    return (left >= area[0] - TOLERANCE_PT and bottom >= area[1] - TOLERANCE_PT
            and right <= area[2] + TOLERANCE_PT and top <= area[3] + TOLERANCE_PT)


def close(values, expected) -> bool:
    return all(abs(a - b) < TOLERANCE_PT for a, b in zip(values, expected, strict=True))


def mm(points: float) -> str:
    return f"{points / MM:.1f}"
