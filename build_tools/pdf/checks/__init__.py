"""Check built PDFs against what their variant promises, with real PDF libraries (pikepdf, pdfium).

One module per promise: fonts, pdfua (and pdfua_* for PDF/UA-1's clauses on the tagged
content: content, elements, links, notes, text), pdfx, booklet, outline, trim.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from build_tools.config import Edition, HandbookConfig, Language, Variant
from build_tools.paths import BuildPaths
from build_tools.pdf.checks import (
    booklet,
    fonts,
    outline,
    pdfua,
    pdfua_content,
    pdfua_elements,
    pdfua_links,
    pdfua_notes,
    pdfua_text,
    pdfx,
    trim,
)
from build_tools.pdf.checks.common import Expectation, Finding, Problems
from build_tools.pdf.checks.outline import bookmark_pages
from build_tools.pdf.checks.tagged import read_tagged
from build_tools.pdf.hyphenation import document_words
from build_tools.pdf.tagging.sources import footnote_texts


def chapter_titles(html_file: Path) -> tuple[str, ...]:
    """The h2 headings of a print HTML file, in order: the bookmarks' first level."""
    text = re.sub(r'<a class="headerlink".*?</a>', "", html_file.read_text(encoding="utf-8"),
                  flags=re.S)
    return tuple(re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", heading))).strip()
                 for heading in re.findall(r"<h2\b[^>]*>(.*?)</h2>", text, flags=re.S))


def declared_pdfs(config: HandbookConfig) -> dict[str, tuple[Edition, Language, Variant]]:
    """Every PDF file name the configuration declares, with its edition, language and variant."""
    return {config.pdf_name(edition, language, variant.name): (edition, language, variant)
            for edition, language, variant in config.declared_pdfs()}


def verify_build(config: HandbookConfig, paths: BuildPaths) -> list[Finding]:
    """Check every PDF in build/pdf; a file the configuration does not declare is a finding."""
    declared = declared_pdfs(config)
    pdfs = sorted(paths.pdf.glob("*.pdf"))
    if not pdfs:
        return [Finding(paths.pdf, "files", "no PDFs found; run `invoke pdf` first")]
    findings = []
    for path in pdfs:
        if path.name not in declared:
            findings.append(Finding(path, "declared", "no edition, language and variant in "
                                    "handbook.toml gives this name; delete it or rebuild"))
            continue
        edition, language, variant = declared[path.name]
        html_file = paths.print_html(edition.name, language.code) / "index.html"
        source = html_file.exists() and not variant.imposition
        findings += readable_checked(path, expectation(
            variant, language.code, variant.trim_size(edition), html_file if source else None,
            pages_from=config.variants.get(variant.pages_from)))
    return findings


def readable_checked(path: Path, expect: Expectation) -> list[Finding]:
    """check_pdf, or one finding when the file cannot be read as a PDF (a truncated copy, a
    disk that filled up): the table names it instead of a traceback ending the run."""
    try:
        return check_pdf(path, expect)
    except (pikepdf.PdfError, pdfium.PdfiumError) as error:
        return [Finding(path, "readable", f"not a readable PDF ({error}); build it again "
                                          "with `invoke pdf`")]


def expectation(variant: Variant, language: str, page_size: str,
                html_file: Path | None, pages_from: Variant | None = None) -> Expectation:
    """What a PDF of `variant` must be; with the print HTML it was made from, also its
    chapters, words and footnotes; an imposed variant's pages keep to the printing
    condition of `pages_from`, the variant it imposes."""
    pages_intent = pages_from.output_intent if variant.imposition and pages_from else None
    if html_file is None:
        return Expectation(variant, language, page_size, pages_intent=pages_intent)
    return Expectation(variant, language, page_size, chapter_titles(html_file),
                       frozenset(document_words(html_file)), footnote_texts(html_file),
                       pages_intent=pages_intent)


def check_pdf(path: Path, expect: Expectation) -> list[Finding]:
    """Every check that applies to the variant; one finding per check, or per failure."""
    findings: list[Finding] = []
    with pikepdf.open(path) as pdf:
        checks = [("fonts embedded", fonts.fonts_embedded(pdf))]
        if expect.variant.pdf_variant.startswith("pdf/ua"):
            checks += [("PDF/UA identification", pdfua.identification(pdf, expect)),
                       ("tagged structure", pdfua.structure(pdf)),
                       ("language and title", pdfua.language_and_title(pdf, expect))]
            checks += pdfua_clauses(pdf, expect)
        if expect.variant.pdf_variant.startswith("pdf/x"):
            checks += [("PDF/X identification", pdfx.identification(pdf, expect)),
                       ("PDF/X output intent", pdfx.output_intent(pdf, expect)),
                       ("trim and bleed boxes", pdfx.boxes(pdf, expect)),
                       ("no annotations", pdfx.no_annotations(pdf)),
                       ("inks and crop marks", pdfx.inks(pdf, expect)),
                       ("pages for the binding", pdfx.binding(pdf, expect))]
        if expect.variant.imposition:
            checks += [("booklet sheets", booklet.sheets(pdf, expect))]
            if expect.pages_intent is not None:
                checks += [("inks of the imposed pages", pdfx.inks(pdf, expect))]
        if expect.chapters is not None:
            checks += [("bookmarks match chapters", outline.chapters(pdf, expect.chapters))]
        for name, problems in checks:
            findings += [Finding(path, name, problem, page) for page, problem in problems] \
                or [Finding(path, name)]
    document = pdfium.PdfDocument(path)
    try:
        rendered_problems = list(trim.text_inside_trim(document))
        if expect.variant.imposition:
            rendered_problems += booklet.page_order(document)
            name = "text in trim box, booklet page order"
        else:
            name = "text in trim box"
    finally:
        document.close()
    findings += [Finding(path, name, problem, page) for page, problem in rendered_problems] \
        or [Finding(path, name)]
    return findings


def pdfua_clauses(pdf: pikepdf.Pdf, expect: Expectation) -> list[tuple[str, Problems]]:
    """PDF/UA-1's clauses on the tagged content, each named by its clause and the
    Matterhorn Protocol checkpoint."""
    tagged = read_tagged(pdf)
    if tagged is None:
        return []
    clauses = [
        ("PDF/UA 7.1, Matterhorn 01-005: content tagged or Artifact",
         pdfua_content.tagged_or_artifact(tagged)),
        ("PDF/UA 7.1, Matterhorn 01-003/01-004: Artifacts apart from tagged content",
         pdfua_content.artifacts_apart(tagged)),
        ("PDF/UA 7.1, Matterhorn 01-006: no empty structure elements",
         pdfua_elements.no_empty_elements(tagged)),
        ("PDF/UA 7.2, Matterhorn 09-005: lists L > LI > Lbl + LBody",
         pdfua_elements.lists(tagged)),
        ("PDF/UA 7.2, Matterhorn 09-006: contents tagged TOC > TOCI",
         pdfua_elements.table_of_contents(tagged)),
        ("PDF/UA 7.18.5, Matterhorn 28-011: links in Link elements, once",
         pdfua_links.links_in_link_elements(tagged)),
        ("PDF/UA 7.18.5, Matterhorn 28-012: link descriptions in words",
         pdfua_links.links_described(tagged)),
        ("PDF/UA 7.18.3, Matterhorn 28-008/28-009: tab order /S",
         pdfua_links.tab_order(tagged)),
        ("PDF/UA 7.9, Matterhorn 19-003/19-004: footnotes tagged Note with a unique ID",
         pdfua_notes.notes_tagged(tagged, expect.footnotes)),
    ]
    clauses.append(("PDF/UA 7.2, ISO 32000-1 14.9.4: /ActualText says what it covers",
                    pdfua_text.actual_text_matches(tagged)))
    if expect.words is not None:
        clauses.append(("PDF/UA 7.2, ISO 32000-1 14.8.2.2.3: hyphenated words read whole",
                        pdfua_text.whole_words(tagged, expect.words)))
    return clauses


def table(findings: list[Finding], relative_to: Path) -> str:
    """One row per PDF (checks passed, failures), then each failure with its page and reason."""
    rows: dict[Path, tuple[int, int]] = {}
    failures = []
    for finding in findings:
        name = finding.pdf.relative_to(relative_to) if finding.pdf.is_relative_to(relative_to) \
            else finding.pdf
        passed, failed = rows.get(name, (0, 0))
        rows[name] = (passed + finding.passed, failed + (not finding.passed))
        if not finding.passed:
            page = f"page {finding.page}" if finding.page else "document"
            failures.append(f"  {name}  {page}  {finding.check}: {finding.problem}")
    width = max(len(str(name)) for name in rows)
    lines = [f"{'PDF':<{width}}  result"]
    lines += [f"{str(name):<{width}}  {'ok' if not failed else 'FAIL'}  "
              f"({passed} checks passed{f', {failed} problems' if failed else ''})"
              for name, (passed, failed) in rows.items()]
    if failures:
        lines += ["", "Problems:", *failures]
    return "\n".join(lines)


__all__ = ["Expectation", "Finding", "bookmark_pages", "chapter_titles", "check_pdf",
           "declared_pdfs", "expectation", "readable_checked", "table", "verify_build"]
