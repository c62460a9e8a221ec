"""Render print HTML to the declared PDF variants with WeasyPrint's Python API."""

from __future__ import annotations

import io
import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from build_tools.config import Edition, HandbookConfig, Variant
from build_tools.errors import BuildError
from build_tools.files import write_atomically
from build_tools.pdf import hyphenation
from build_tools.pdf.change_bars import CHANGED_CLASS, place_change_bars
from build_tools.pdf.imposition import impose_booklet
from build_tools.pdf.tagging.repair import write_repaired
from build_tools.pdf.tagging.sources import Sources, read_sources
from build_tools.provenance import stable_document_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Layout:
    """Everything that decides how the pages look. Variants with equal layouts share one render.

    Bleed and crop marks do not move a line (they are drawn outside the trim box), but
    WeasyPrint sets them when it lays out, so they are part of the layout too.
    """

    page_size: str
    bleed_mm: float
    crop_marks: bool
    two_sided: bool
    output_intent: str


@dataclass(frozen=True)
class RenderedPdf:
    variant: str
    path: Path
    pages: int


def layout_of(variant: Variant, edition: Edition, variants: dict[str, Variant]) -> Layout:
    """An imposed variant lays out its source variant's pages at its own page size."""
    pages = variants[variant.pages_from] if variant.imposition else variant
    return Layout(variant.trim_size(edition), pages.bleed_mm, pages.crop_marks,
                  pages.two_sided, pages.output_intent)


def layout_html(html_file: Path, layout: Layout, url_fetcher=None) -> HTML:
    """The print HTML with one layout's overrides of print.css: page size, double-sided
    rules, bleed and crop marks.

    They are linked in the document's head, after print.css, rather than passed to
    WeasyPrint as `stylesheets`: those have the user origin and would lose to print.css.
    """
    heads = [f'<link rel="stylesheet" href="_static/print-{layout.page_size.lower()}.css">']
    if layout.two_sided:
        heads.append('<link rel="stylesheet" href="_static/print-two-sided.css">')
    if layout.bleed_mm or layout.crop_marks:
        marks = "crop" if layout.crop_marks else "none"
        heads.append(f"<style>@page {{ bleed: {layout.bleed_mm}mm; marks: {marks}; }}</style>")
    text = html_file.read_text(encoding="utf-8")
    if "</head>" not in text:
        raise BuildError(f"{html_file}: no </head>; rebuild it with `invoke pdf`")
    text = text.replace("</head>", "\n".join(heads) + "\n</head>", 1)
    return HTML(string=text, base_url=str(html_file), url_fetcher=url_fetcher)


def render_edition(config: HandbookConfig, edition: Edition, language: str, html_file: Path,
                   pdf_dir: Path, font_config: FontConfiguration | None = None, *,
                   only: Collection[str] | None = None, url_fetcher=None,
                   document_id_seed: str | None = None) -> list[RenderedPdf]:
    """The declared variants of one edition in one language (or those named in `only`),
    laying out each distinct page geometry once; return what was written, in the order
    the edition declares.

    `url_fetcher` is the only way the render reads resources; `document_id_seed` makes
    the document IDs WeasyPrint would draw at random (PDF/X) stable between builds.
    """
    font_config = font_config or FontConfiguration()
    variants = [config.variants[name] for name in edition.variants
                if only is None or name in only]
    groups: dict[Layout, list[Variant]] = {}
    for variant in variants:
        groups.setdefault(layout_of(variant, edition, config.variants), []).append(variant)
    written = {}
    # The walk over every box costs little, but nothing when no text is marked as changed.
    marked = CHANGED_CLASS in html_file.read_text(encoding="utf-8")
    sources = read_sources(html_file) if any(is_pdfua(v) for v in variants) else None
    with hyphenation.registered(language, hyphenation.document_words(html_file)):
        for layout, members in groups.items():
            log.debug("layout %s for %s", layout, ", ".join(v.name for v in members))
            document = layout_html(html_file, layout, url_fetcher).render(
                font_config=font_config, output_intent=layout.output_intent or None)
            if marked:
                place_change_bars(document)
            # Direct variants first: an imposed variant reuses their file when it can.
            for variant in sorted(members, key=lambda v: bool(v.imposition)):
                path = pdf_dir / config.pdf_name(edition, config.languages[language], variant.name)
                if variant.imposition:
                    pages_from = config.variants[variant.pages_from]
                    source = (written[pages_from.name].path if pages_from in members
                              else _pdf_bytes(document, pages_from, document_id_seed))
                    pages = write_atomically(path, lambda target, v=variant, s=source:
                                             impose_booklet(s, target, v.sheet_size))
                else:
                    pages = write_atomically(path, lambda target, v=variant, d=document:
                                             _write(d, target, v, document_id_seed, sources))
                written[variant.name] = RenderedPdf(variant.name, path, pages)
    return [written[variant.name] for variant in variants]


def _write_options(variant: Variant, document_id_seed: str | None) -> dict:
    # Every variant is tagged: a structure tree costs little and serves screen readers.
    options = {"pdf_variant": variant.pdf_variant or None,
               "output_intent": variant.output_intent or None, "pdf_tags": True}
    if document_id_seed is not None:
        options["finisher"] = stable_document_id(f"{document_id_seed}:{variant.name}")
    return options


def is_pdfua(variant: Variant) -> bool:
    return variant.pdf_variant.startswith("pdf/ua")


def _write(document, target: Path, variant: Variant, document_id_seed: str | None,
           sources: Sources | None) -> int:
    if is_pdfua(variant) and sources is not None:
        # WeasyPrint's tagging falls short of PDF/UA-1: build_tools/pdf/tagging repairs it.
        write_repaired(_pdf_bytes(document, variant, document_id_seed), target, sources)
    else:
        document.write_pdf(target, **_write_options(variant, document_id_seed))
    return len(document.pages)


def _pdf_bytes(document, variant: Variant, document_id_seed: str | None) -> bytes:
    buffer = io.BytesIO()
    document.write_pdf(buffer, **_write_options(variant, document_id_seed))
    return buffer.getvalue()

