"""The printing conditions a variant's `output_intent` names: what WeasyPrint is told, which
stylesheet gives the colours, and how the PDF/X output intent names the condition."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from build_tools.paths import PRINT_THEME_DIR
from build_tools.pdf.print_inks import CmykConversion


@dataclass(frozen=True)
class PrintingCondition:
    """One value of `output_intent` in handbook.toml."""

    name: str
    # `output_intent` for WeasyPrint: its own "srgb", or the CSS identifier of an
    # @color-profile rule in `stylesheet`.
    weasyprint_intent: str
    # Loaded after print.css: the colours of print.css again, in this condition's space.
    stylesheet: str | None
    # Colour components of the destination profile: 3 (RGB) or 4 (CMYK).
    components: int
    # The characterization's name in the ICC registry, for OutputConditionIdentifier.
    # WeasyPrint writes the profile's description there; a press matches the registry name.
    registry_identifier: str | None = None
    # The output profile, in the print theme's static/ (as `stylesheet` loads it): images
    # are converted into it (print_inks.py).
    profile: str | None = None


CONDITIONS = {
    "srgb": PrintingCondition("srgb", "srgb", None, 3),
    "fogra39": PrintingCondition("fogra39", "--fogra39", "print-cmyk.css", 4, "FOGRA39",
                                 "color/FOGRA39L.icc"),
}
ICC_REGISTRY = "http://www.color.org"


def condition(output_intent: str) -> PrintingCondition | None:
    """The condition a variant declares, or None when it declares none (the screen PDFs)."""
    return CONDITIONS.get(output_intent) if output_intent else None


@cache
def cmyk_conversion(output_intent: str) -> CmykConversion | None:
    """How images are converted for a CMYK condition; None when it is not one."""
    printing = condition(output_intent)
    if printing is None or printing.components != 4 or printing.profile is None:
        return None
    return CmykConversion(PRINT_THEME_DIR / "static" / printing.profile)
