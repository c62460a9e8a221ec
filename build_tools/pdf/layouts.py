"""Page geometries: which variants of an edition share one layout (without WeasyPrint, so the
build can plan its render jobs by them)."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.config import Edition, Variant
from build_tools.pdf import binding

__all__ = ["Layout", "for_press", "layout_of"]


@dataclass(frozen=True)
class Layout:
    """Everything that decides how the pages look. Variants with equal layouts share one render.

    The bleed does not move a line, but WeasyPrint sets it when it lays out, so it is
    part of the layout; the slug and crop marks are added afterwards (press.py).
    """

    page_size: str
    bleed_mm: float
    two_sided: bool
    output_intent: str
    # Made for paper (a PDF/X variant, or imposed from one): no links to follow, so
    # cross-references say which page to turn to.
    paper: bool = False
    # Bound or imposed in sheets of four pages: blank pages complete the last sheet.
    saddle_stitched: bool = False


def layout_of(variant: Variant, edition: Edition, variants: dict[str, Variant]) -> Layout:
    """An imposed variant lays out its source variant's pages at its own page size."""
    pages = variants[variant.pages_from] if variant.imposition else variant
    stitched = binding.SADDLE_STITCH in (variant.binding, variant.imposition)
    return Layout(variant.trim_size(edition), pages.bleed_mm, pages.two_sided,
                  pages.output_intent, for_press(pages), stitched)


def for_press(variant: Variant) -> bool:
    """A print shop's file (PDF/X): no links, no tags."""
    return variant.pdf_variant.startswith("pdf/x")
