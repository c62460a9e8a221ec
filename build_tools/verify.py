"""Check built PDFs against what their variant promises, with real PDF libraries (pikepdf, pdfium)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from build_tools.engine import print_html_dir
from build_tools.config import HandbookConfig, Variant
from build_tools.imposition import MM, SIZES_PT, sheet_layout

# Box sizes agree when they differ by less than this many points (rounding in the files).
TOLERANCE_PT = 0.5
_FOOTER = re.compile(r"\b(\d+) / (\d+)\b")


@dataclass(frozen=True)
class Expectation:
    """What one PDF must be: its variant, language, trim size and chapters."""

    variant: Variant
    language: str
    page_size: str
    chapters: tuple[str, ...] | None = None


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


def chapter_titles(html_file: Path) -> tuple[str, ...]:
    """The h2 headings of a print HTML file, in order: the bookmarks' first level."""
    text = re.sub(r'<a class="headerlink".*?</a>', "", html_file.read_text(encoding="utf-8"),
                  flags=re.S)
    return tuple(re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", heading))).strip()
                 for heading in re.findall(r"<h2\b[^>]*>(.*?)</h2>", text, flags=re.S))


def declared_pdfs(config: HandbookConfig) -> dict[str, tuple]:
    """Every PDF file name the configuration declares, with its edition, language and variant."""
    return {config.pdf_name(edition, language, variant): (edition, language, config.variants[variant])
            for edition in config.editions.values() for language in config.languages.values()
            for variant in edition.variants}


def verify_build(config: HandbookConfig, build_dir: Path) -> list[Finding]:
    """Check every PDF in build/pdf; a file the configuration does not declare is a finding."""
    declared = declared_pdfs(config)
    pdfs = sorted((build_dir / "pdf").glob("*.pdf"))
    if not pdfs:
        return [Finding(build_dir / "pdf", "files", "no PDFs found; run `invoke pdf` first")]
    findings = []
    for path in pdfs:
        if path.name not in declared:
            findings.append(Finding(path, "declared", "no edition, language and variant in "
                                    "handbook.toml gives this name; delete it or rebuild"))
            continue
        edition, language, variant = declared[path.name]
        html_file = print_html_dir(build_dir, edition.name, language.code) / "index.html"
        chapters = (chapter_titles(html_file)
                    if html_file.exists() and not variant.imposition else None)
        findings += check_pdf(path, Expectation(variant, language.code,
                                                variant.trim_size(edition), chapters))
    return findings


def check_pdf(path: Path, expect: Expectation) -> list[Finding]:
    """Every check that applies to the variant; one finding per check, or per failure."""
    findings = []
    with pikepdf.open(path) as pdf:
        checks = [("fonts embedded", _fonts_embedded(pdf))]
        if expect.variant.pdf_variant.startswith("pdf/ua"):
            checks += [("PDF/UA identification", _pdfua(pdf, expect)),
                       ("tagged structure", _structure(pdf)),
                       ("language and title", _language_and_title(pdf, expect))]
        if expect.variant.pdf_variant.startswith("pdf/x"):
            checks += [("PDF/X identification", _pdfx(pdf, expect)),
                       ("trim and bleed boxes", _boxes(pdf, expect))]
        if expect.variant.imposition:
            checks += [("booklet sheets", _sheets(pdf, expect))]
        if expect.chapters is not None:
            checks += [("bookmarks match chapters", _outline(pdf, expect))]
        for name, problems in checks:
            problems = list(problems)
            findings += [Finding(path, name, problem, page) for page, problem in problems] \
                or [Finding(path, name)]
    document = pdfium.PdfDocument(path)
    try:
        problems = list(_text_inside_trim(document))
        if expect.variant.imposition:
            problems += list(_booklet_order(document))
            name = "text in trim box, booklet page order"
        else:
            name = "text in trim box"
    finally:
        document.close()
    findings += [Finding(path, name, problem, page) for page, problem in problems] \
        or [Finding(path, name)]
    return findings


Problems = Iterator[tuple[int | None, str]]


def _fonts(resources, seen: set) -> Iterator[pikepdf.Dictionary]:
    """Fonts in a resource dictionary and in the form XObjects it uses, each once."""
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject \
                and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.Resources, seen)


def _fonts_embedded(pdf: pikepdf.Pdf) -> Problems:
    seen = set()
    for number, page in enumerate(pdf.pages, 1):
        for font in _fonts(page.obj.get("/Resources") or pikepdf.Dictionary(), seen):
            if font.get("/Subtype") == "/Type3":
                continue  # drawn with PDF operators: nothing to embed
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor") or {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                yield number, f"font {font.get('/BaseFont')} is not embedded"


def _xmp(pdf: pikepdf.Pdf, key: str) -> str:
    return str(pdf.open_metadata().get(key, ""))


def _pdfua(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    part = expect.variant.pdf_variant.rsplit("-", 1)[-1]
    found = _xmp(pdf, "pdfuaid:part")
    if found != part:
        yield None, f"XMP pdfuaid:part is {found or 'missing'}, expected {part}"


def _structure(pdf: pikepdf.Pdf) -> Problems:
    mark_info = pdf.Root.get("/MarkInfo") or {}
    if not mark_info.get("/Marked"):
        yield None, "MarkInfo /Marked is not true: the PDF is not tagged"
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/K" not in root:
        yield None, "no structure tree (StructTreeRoot with /K)"
        return
    types, figures_without_alt = set(), 0
    stack, seen = [root.K], set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node and node.objgen not in seen:
            seen.add(node.objgen)
            types.add(str(node.S))
            figures_without_alt += node.S == "/Figure" and "/Alt" not in node
            if "/K" in node:
                stack.append(node.K)
    for wanted, label in (({"/H1", "/H2", "/H3", "/H"}, "headings"), ({"/L"}, "lists"),
                          ({"/Link"}, "links")):
        if not types & wanted:
            yield None, f"the structure tree has no {label}"
    if figures_without_alt:
        yield None, f"{figures_without_alt} figure(s) without alternative text (/Alt)"


def _language_and_title(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    lang = str(pdf.Root.get("/Lang", ""))
    if lang != expect.language:
        yield None, f"/Lang is {lang or 'missing'}, expected {expect.language}"
    preferences = pdf.Root.get("/ViewerPreferences") or {}
    if not preferences.get("/DisplayDocTitle"):
        yield None, "ViewerPreferences /DisplayDocTitle is not true"
    title = str(pdf.docinfo.get("/Title", ""))
    if not title:
        yield None, "the document has no title"


def _pdfx(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    wanted = "PDF/X-" + expect.variant.pdf_variant.split("-", 1)[1].upper()
    found = _xmp(pdf, "pdfxid:GTS_PDFXVersion")
    if found != wanted:
        yield None, f"XMP pdfxid:GTS_PDFXVersion is {found or 'missing'}, expected {wanted}"
    intents = [intent for intent in pdf.Root.get("/OutputIntents") or []
               if intent.get("/S") == "/GTS_PDFX" and "/DestOutputProfile" in intent]
    if not intents:
        yield None, "no PDF/X output intent with a destination profile"


def _box(page: pikepdf.Page, name: str) -> tuple[float, ...] | None:
    box = page.obj.get(name)
    return tuple(float(value) for value in box) if box is not None else None


def _boxes(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    width, height = SIZES_PT[expect.page_size]
    bleed = expect.variant.bleed_mm * MM
    for number, page in enumerate(pdf.pages, 1):
        trim, bleed_box = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        if trim is None or bleed_box is None:
            yield number, "no TrimBox" if trim is None else "no BleedBox"
            continue
        if not _close((trim[2] - trim[0], trim[3] - trim[1]), (width, height)):
            yield number, (f"TrimBox is {_mm(trim[2] - trim[0])} x {_mm(trim[3] - trim[1])} mm, "
                           f"expected {expect.page_size}")
        expected_bleed = (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed)
        if not _close(bleed_box, expected_bleed):
            yield number, f"BleedBox is not the trim box plus {expect.variant.bleed_mm} mm each side"
        media = _box(page, "/MediaBox")
        if not (media[0] <= bleed_box[0] + TOLERANCE_PT and media[1] <= bleed_box[1] + TOLERANCE_PT
                and media[2] >= bleed_box[2] - TOLERANCE_PT and media[3] >= bleed_box[3] - TOLERANCE_PT):
            yield number, "MediaBox does not contain the BleedBox"


def _sheets(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    height, width = SIZES_PT[expect.variant.sheet_size]
    for number, page in enumerate(pdf.pages, 1):
        media = _box(page, "/MediaBox")
        if not _close((media[2] - media[0], media[3] - media[1]), (width, height)):
            yield number, f"the sheet is not {expect.variant.sheet_size} landscape"
    if (2 * len(pdf.pages)) % 4:
        yield None, f"{2 * len(pdf.pages)} booklet pages is not a multiple of 4"
    preferences = pdf.Root.get("/ViewerPreferences") or {}
    if preferences.get("/Duplex") != "/DuplexFlipShortEdge":
        yield None, "ViewerPreferences /Duplex is not /DuplexFlipShortEdge"


def bookmark_pages(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """The first-level bookmarks: (title, 0-based page index)."""
    names = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root \
        and "/Dests" in pdf.Root.Names else {}
    marks = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            destination = item.destination
            if not isinstance(destination, pikepdf.Array):
                destination = names[str(destination)]
            marks.append((item.title, pikepdf.Page(destination[0]).index))
    return marks


def _outline(pdf: pikepdf.Pdf, expect: Expectation) -> Problems:
    with pdf.open_outline() as outline:
        titles = tuple(item.title for item in outline.root)
    if titles != expect.chapters:
        yield None, f"bookmarks {list(titles)} differ from the chapters {list(expect.chapters)}"


def _text_inside_trim(document: pdfium.PdfDocument) -> Problems:
    """Every visible character lies inside the page's trim box (pdfium's char boxes)."""
    for index in range(len(document)):
        page = document[index]
        left, bottom, right, top = page.get_trimbox()
        text = page.get_textpage()
        outside = [text.get_text_range(i, 1) for i in range(text.count_chars())
                   if text.get_text_range(i, 1).strip()
                   and not _inside(text.get_charbox(i), (left, bottom, right, top))]
        if outside:
            yield index + 1, f"{len(outside)} character(s) outside the trim box: {''.join(outside)[:40]!r}"


def _booklet_order(document: pdfium.PdfDocument) -> Problems:
    """Each half sheet carries the page whose number its footer shows, in saddle-stitch order.

    Read from the footers ('n / total'); pages without one (cover, blanks, back cover)
    are only checked where a padding blank must leave a half sheet empty.
    """
    halves = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        text = page.get_textpage()
        halves.append((text.get_text_bounded(0, 0, width / 2, height),
                       text.get_text_bounded(width / 2, 0, width, height)))
    totals = {int(match.group(2)) for pair in halves for half in pair
              for match in _FOOTER.finditer(half)}
    if len(totals) != 1:
        yield None, f"cannot read one page total from the footers (found {sorted(totals)})"
        return
    total = totals.pop()
    if 2 * len(halves) != total + (-total % 4):
        yield None, f"{len(halves)} sheet sides do not hold {total} pages padded to a multiple of 4"
        return
    for index, (expected, found) in enumerate(zip(sheet_layout(total), halves), 1):
        for slot, source, text in zip(("left", "right"), expected, found):
            numbers = [int(match.group(1)) for match in _FOOTER.finditer(text)]
            if source is None and text.strip():
                yield index, f"the {slot} half should be a padding blank but has text"
            elif numbers and numbers != [source]:
                yield index, f"the {slot} half shows page {numbers[0]}, expected page {source}"


def _inside(box, area) -> bool:
    left, bottom, right, top = box
    return (left >= area[0] - TOLERANCE_PT and bottom >= area[1] - TOLERANCE_PT
            and right <= area[2] + TOLERANCE_PT and top <= area[3] + TOLERANCE_PT)


def _close(values, expected) -> bool:
    return all(abs(a - b) < TOLERANCE_PT for a, b in zip(values, expected))


def _mm(points: float) -> str:
    return f"{points / MM:.1f}"


def table(findings: list[Finding], relative_to: Path) -> str:
    """One row per PDF (checks passed, failures), then each failure with its page and reason."""
    rows, failures = {}, []
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
