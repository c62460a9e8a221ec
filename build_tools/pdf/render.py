"""Render print HTML to the declared PDF variants with WeasyPrint's Python API."""

from __future__ import annotations

import gc
import io
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from build_tools.config import Edition, HandbookConfig, Variant
from build_tools.errors import BuildError
from build_tools.files import write_atomically
from build_tools.pdf import binding, hyphenation, hyphenation_store, language_tags, press, progress
from build_tools.pdf.binding_layout import sheets_completed
from build_tools.pdf.change_bars import CHANGED_CLASS, place_change_bars
from build_tools.pdf.colour import cmyk_conversion, condition
from build_tools.pdf.fetcher import PrintInksFetcher
from build_tools.pdf.images import low_resolution_images
from build_tools.pdf.imposition import impose_booklet
from build_tools.pdf.layouts import Layout, for_press, layout_of
from build_tools.pdf.table_tags import add_header_scope, finishing
from build_tools.pdf.tagging.repair import write_repaired
from build_tools.pdf.tagging.sources import Sources, read_sources
from build_tools.provenance import stable_document_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedPdf:
    variant: str
    path: Path
    pages: int


def layout_html(html_file: Path, layout: Layout, url_fetcher=None,
                blank_pages: int = 0) -> HTML:
    """The print HTML with one layout's overrides of print.css: page size, double-sided
    rules, the colours of its printing condition, and the bleed; and `blank_pages`
    before the back cover (binding.py). For a CMYK condition, SVGs are read with their
    colours in its inks (svg_inks.py).

    They are linked in the document's head, after print.css, rather than passed to
    WeasyPrint as `stylesheets`: those have the user origin and would lose to print.css.
    """
    heads = [f'<link rel="stylesheet" href="_static/print-{layout.page_size.lower()}.css">']
    if layout.two_sided:
        heads.append('<link rel="stylesheet" href="_static/print-two-sided.css">')
    printing = condition(layout.output_intent)
    if printing is not None and printing.stylesheet:
        heads.append(f'<link rel="stylesheet" href="_static/{printing.stylesheet}">')
    if layout.paper:
        heads += ['<link rel="stylesheet" href="_static/print-page-references.css">',
                  '<link rel="stylesheet" href="_static/print-landscape.css">']
    if layout.bleed_mm:
        heads.append(f"<style>@page {{ bleed: {layout.bleed_mm}mm; }} "
                     f":root {{ --bleed: {layout.bleed_mm}mm; }}</style>")
    text = html_file.read_text(encoding="utf-8")
    if "</head>" not in text:
        raise BuildError(f"{html_file}: no </head>; rebuild it with `invoke pdf`")
    text = text.replace("</head>", "\n".join(heads) + "\n</head>", 1)
    text = binding.with_blank_pages(text, blank_pages, str(html_file))
    inks = cmyk_conversion(layout.output_intent)
    if inks is not None:
        url_fetcher = PrintInksFetcher(url_fetcher or URLFetcher(), inks)
    return HTML(string=text, base_url=str(html_file), url_fetcher=url_fetcher)


def render_edition(config: HandbookConfig, edition: Edition, language: str, html_file: Path,
                   pdf_dir: Path, *, only: Collection[str] | None = None, url_fetcher=None,
                   document_id_seed: str | None = None,
                   expected_pages: Mapping[str, int] | None = None,
                   image_cache: Path | None = None) -> list[RenderedPdf]:
    """The declared variants of one edition in one language (or those named in `only`),
    laying out each distinct page geometry once; return what was written, in the order
    the edition declares.

    `url_fetcher` is the only way the render reads resources; `document_id_seed` makes
    the document IDs WeasyPrint would draw at random (PDF/X) stable between builds;
    `expected_pages` (pages per variant, from the last build) lets progress lines say
    what is left; `image_cache` keeps the images converted to a print file's CMYK.
    """
    language_tags.apply()
    # One font configuration for every layout: each font file is read once.
    font_config = FontConfiguration()
    variants = [config.variants[name] for name in edition.variants
                if only is None or name in only]
    groups: dict[Layout, list[Variant]] = {}
    for variant in variants:
        groups.setdefault(layout_of(variant, edition, config.variants), []).append(variant)
    written: dict[str, RenderedPdf] = {}
    # The walk over every box costs little, but nothing when no text is marked as changed.
    marked = CHANGED_CLASS in html_file.read_text(encoding="utf-8")
    sources = read_sources(html_file) if any(is_pdfua(v) for v in variants) else None
    progress.stage("finding where words may break")
    with hyphenation.registered_dictionary(language,
                                           hyphenation_store.dictionary_for(html_file, language)):
        for layout, members in groups.items():
            what = ", ".join(v.name for v in members)
            log.debug("layout %s for %s", layout, what)
            progress.expect(what, _expected(members, expected_pages or {}))
            document = laid_out(html_file, layout, url_fetcher, font_config, what)
            if marked:
                place_change_bars(document)
            # Direct variants first: an imposed variant reuses their file when it can.
            ordered = sorted(members, key=lambda v: bool(v.imposition))
            pages = len(document.pages)
            drafts = {variant.name: _draft(document, variant, config, members, document_id_seed)
                      for variant in ordered}
            # The laid-out document (~430 MB for 250 pages) is freed before the tag repair
            # and the press finish, which need only WeasyPrint's PDF: their memory no
            # longer adds to it.
            del document
            gc.collect()
            for variant in ordered:
                path = pdf_dir / config.pdf_name(edition, config.languages[language], variant.name)
                draft = drafts.pop(variant.name)
                if variant.imposition:
                    pages_from = config.variants[variant.pages_from]
                    source = (written[pages_from.name].path if draft is None
                              else press.pages_in_print_inks(draft, pages_from, image_cache))
                    count = write_atomically(path, partial(impose_booklet, source,
                                                           sheet_size=variant.sheet_size))
                else:
                    assert draft is not None  # only an imposed variant has no draft of its own
                    count = write_atomically(path, partial(
                        _finish, draft, variant=variant, pages=pages, sources=sources,
                        image_cache=image_cache))
                written[variant.name] = RenderedPdf(variant.name, path, count)
    return [written[variant.name] for variant in variants]


def laid_out(html_file: Path, layout: Layout, url_fetcher, font_config,
             what: str = "") -> Document:
    """The pages of one layout. A saddle-stitched book that does not fill its last sheet
    gets the blank pages it needs within its one layout (binding_layout.py), so that the
    footers count them; should WeasyPrint stop repaginating before they settle, the book
    is laid out a second time with them."""
    def render(blank_pages: int) -> Document:
        document = layout_html(html_file, layout, url_fetcher, blank_pages).render(
            font_config=font_config, output_intent=_weasyprint_intent(layout.output_intent))
        # The layout's context (the styles of every element, the targets) is left in
        # reference cycles, which only a collection frees; weasyprint_tuning makes those
        # rare. Freed here, the PDF is drawn in its place: the write peak of 248 pages
        # fell from 373 to 308 MB.
        gc.collect()
        return document

    if not layout.saddle_stitched:
        return render(0)
    with sheets_completed() as renders:
        document = render(binding.SHEET_PAGES - 1)
    if not renders:
        # A page count alone cannot tell: every spare blank left in can fill a sheet too.
        raise BuildError(f"{html_file}: the binding's blank pages were not settled: the "
                         "layout did not call weasyprint.layout.make_all_pages, which "
                         "build_tools/pdf/binding_layout.py wraps; a replacement of "
                         "layout_document must look it up at each pass")
    pages = len(document.pages) - renders[0].laid_out
    blank_pages = binding.blank_pages_needed(pages)
    if renders[0].laid_out == blank_pages:
        return document
    del document  # freed before the second layout, not beside it
    gc.collect()
    log.debug("%s: %d pages; laid out again with %d blank pages before the back cover",
              html_file, pages, blank_pages)
    progress.expect(f"{what}, with {blank_pages} blank pages for the binding",
                    pages + blank_pages)
    document = render(blank_pages)
    if len(document.pages) != pages + blank_pages:
        raise BuildError(f"{html_file}: {blank_pages} blank pages for the binding made "
                         f"{len(document.pages)} pages of {pages}, not {pages + blank_pages}; "
                         "check .binding-blank in print-two-sided.css")
    return document


def _weasyprint_intent(output_intent: str) -> str | None:
    printing = condition(output_intent)
    return printing.weasyprint_intent if printing is not None else None


def _expected(members: list[Variant], expected_pages: Mapping[str, int]) -> int | None:
    """Pages the layout had last time: an imposed variant counts sheets, not pages."""
    return next((expected_pages[v.name] for v in members
                 if not v.imposition and v.name in expected_pages), None)


def _write_options(variant: Variant, document_id_seed: str | None) -> dict:
    # Tagged, to serve screen readers, except a print shop's file: its links are
    # removed (press.py) and a structure tree would point at them.
    options = {"pdf_variant": variant.pdf_variant or None,
               "output_intent": _weasyprint_intent(variant.output_intent),
               "pdf_tags": not for_press(variant)}
    options["finisher"] = finishing(
        add_header_scope,
        None if document_id_seed is None
        else stable_document_id(f"{document_id_seed}:{variant.name}"))
    return options


def is_pdfua(variant: Variant) -> bool:
    return variant.pdf_variant.startswith("pdf/ua")


def _draft(document: Document, variant: Variant, config: HandbookConfig,
           members: list[Variant], document_id_seed: str | None) -> bytes | None:
    """WeasyPrint's PDF of `variant`, or None for an imposed variant whose source variant
    is written in the same layout (it reuses that file)."""
    progress.stage("writing", variant.name)
    if variant.imposition:
        pages_from = config.variants[variant.pages_from]
        return None if pages_from in members else _pdf_bytes(document, pages_from,
                                                              document_id_seed)
    return _pdf_bytes(document, variant, document_id_seed)


def _finish(pdf: bytes, target: Path, variant: Variant, pages: int, sources: Sources | None,
            image_cache: Path | None = None) -> int:
    """Write WeasyPrint's PDF to `target` as the variant needs it; return its page count."""
    if for_press(variant):
        pages = press.finish(pdf, target, variant, image_cache)
    elif is_pdfua(variant) and sources is not None:
        # WeasyPrint's tagging falls short of PDF/UA-1: build_tools/pdf/tagging repairs it.
        progress.stage("repairing the tags (PDF/UA)", variant.name)
        write_repaired(pdf, target, sources)
    else:
        target.write_bytes(pdf)
    if variant.pdf_variant.startswith("pdf/x"):
        for page, problem in low_resolution_images(target):
            log.warning("%s, page %d: %s", target.name, page, problem)
    return pages


def _pdf_bytes(document: Document, variant: Variant, document_id_seed: str | None) -> bytes:
    buffer = io.BytesIO()
    document.write_pdf(buffer, **_write_options(variant, document_id_seed))
    return buffer.getvalue()

