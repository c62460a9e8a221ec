"""Tables, figures, footnotes, cross-references and the index, read back from real PDFs and sites.

The test chapters in tests/roots/elements use the handbook's own Sphinx settings,
extensions and print theme; they are built in Finnish, Swedish and English, as the
employees' edition in every variant.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from build_tools.config import project_config
from build_tools.i18n.check import prepare_catalogs
from build_tools.paths import PRINT_THEME_DIR, SOURCE_DIR
from build_tools.pdf.checks import check_pdf, expectation
from build_tools.pdf.checks.inks import scan as scan_inks
from build_tools.pdf.fetcher import SandboxedFetcher
from build_tools.pdf.render import render_edition
from build_tools.sphinxext.runner import run_sphinx
from tests.pdf_inspect import damaged_copy, page_texts

# Every test here reads the outputs of three languages' sites and PDFs.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent / "roots" / "elements"
LANGUAGES = ("fi", "sv", "en")
EDITION = "employees"
# What each language's text says, as the catalogs in tests/roots/elements/locale translate it.
WORDS = {
    "fi": {"header": "Mitä siellä kerrotaan", "row": "Kanava", "caption": "Kanavat ja vastaajat",
           "note": "Hallintolaki", "note_ref": "Kaupungin kanavat ja vastaajat",
           "note2": "Kuntalaki", "note2_ref": "Toinen alaviite",
           "see": "ks. s.", "target": "Tämä luku on ristiviittauksen kohde",
           "back_target": "Tässä luvussa on pitkä taulukko", "figure": "Kuva 2.1",
           "table": "Taulukko 1.1", "wide": "Sunnuntai", "svg": "Kaupunki"},
    "sv": {"header": "Vad som berättas där", "row": "Kanal", "caption": "Kanaler och ansvariga",
           "note": "Förvaltningslagen", "note_ref": "Stadens kanaler och de ansvariga",
           "note2": "Kommunallagen", "note2_ref": "Den andra fotnoten",
           "see": "se s.", "target": "Det här kapitlet är målet",
           "back_target": "Det här kapitlet har en lång tabell", "figure": "Figur 2.1",
           "table": "Tabell 1.1", "wide": "Söndag", "svg": "Staden"},
    "en": {"header": "What is told there", "row": "Channel", "caption": "Channels and who",
           "note": "Administrative Procedure Act", "note_ref": "are listed in the table",
           "note2": "Local Government Act", "note2_ref": "The second footnote",
           "see": "see p.", "target": "This chapter is the target",
           "back_target": "This chapter has a long table", "figure": "Figure 2.1",
           "table": "Table 1.1", "wide": "Sunday", "svg": "Kaupunki"},
}
# The index in each language's alphabetical order (fi: v = w, Ä after Z; sv: v, w apart).
INDEX_ORDER = {
    "fi": ["Aikataulu", "Otsikko", "Verkkosivu", "Wiki", "Vuosikello", "Zoom-kokous",
           "Ääniviesti", "Öljyvärimaalaus"],
    "sv": ["Aktivitet", "Oljemålning", "Verksamhetsår", "Webbsida", "Wiki", "Zoom-möte",
           "Ärende", "Översikt"],
    "en": ["Agenda", "Audio message", "Oil painting", "Overview", "Web page", "Wiki",
           "Year planner", "Zoom meeting"],
}
DESCRIBED = "PDF/UA 7.18.5, Matterhorn 28-012: link descriptions in words"
NOTES = "PDF/UA 7.9, Matterhorn 19-003/19-004: footnotes tagged Note with a unique ID"
INDEX_LETTERS = {"fi": "AOVZÄÖ", "sv": "AOVWZÄÖ", "en": "AOWYZ"}


def build_project(root: Path, languages=LANGUAGES, caplog=None) -> dict:
    """Sites, print HTML and every PDF variant of the test chapters, copied to `root`
    unless a (changed) copy is there already."""
    if not root.exists():
        shutil.copytree(ROOT, root)
    config = project_config()
    outputs = {}
    for language in languages:
        prepare_catalogs(language)  # the handbook's labels (handbook.po)
        if language != config.source_language:
            prepare_catalogs(language, root / "locale")
        build = root / "build"
        site = build / "html" / language
        run_sphinx("html", language, site, build / "doctrees" / f"html-{language}",
                   source_dir=root / "source")
        print_html = build / "print-html" / language
        run_sphinx("handbookprint", language, print_html,
                   build / "doctrees" / f"print-{language}", tags=(EDITION,),
                   source_dir=root / "source")
        pdfs = render_edition(config, config.editions[EDITION], language,
                              print_html / "index.html", build / "pdf",
                              url_fetcher=SandboxedFetcher([root, SOURCE_DIR, PRINT_THEME_DIR]),
                              image_cache=build / ".cache" / "cmyk-images")
        outputs[language] = {"site": site, "print_html": print_html / "index.html",
                             **{pdf.variant: pdf.path for pdf in pdfs}}
    return outputs


class Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    warnings = Warnings()
    information = []

    class Info(logging.Handler):
        def emit(self, record):
            information.append(record.getMessage())

    info = Info(logging.INFO)
    logging.getLogger("weasyprint").addHandler(warnings)
    logging.getLogger("build_tools").addHandler(warnings)
    figures_log = logging.getLogger("build_tools.sphinxext.figures")
    figures_log.addHandler(info)
    level = figures_log.level
    figures_log.setLevel(logging.INFO)
    try:
        outputs = build_project(tmp_path_factory.mktemp("elements") / "project")
    finally:
        logging.getLogger("weasyprint").removeHandler(warnings)
        logging.getLogger("build_tools").removeHandler(warnings)
        figures_log.removeHandler(info)
        figures_log.setLevel(level)
    return outputs, warnings.messages, information


def texts(path: Path) -> list[str]:
    return page_texts(PdfReader(path))


def page_of(pages: list[str], text: str) -> int:
    """The 1-based page whose text has `text`; it must be on exactly one page."""
    found = [number for number, page in enumerate(pages, 1) if text in page]
    assert len(found) == 1, f"{text!r} on pages {found}"
    return found[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_builds_without_a_warning(built, language):
    outputs, warnings, _info = built
    assert not warnings, "\n".join(warnings)
    assert {"screen", "print", "booklet"} <= set(outputs[language])


@pytest.mark.parametrize("variant", ["screen", "print"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_long_table_repeats_its_header_on_every_page_with_its_caption_on_the_first(
        built, language, variant):
    words = WORDS[language]
    pages = texts(built[0][language][variant])
    rows = [number for number, page in enumerate(pages, 1)
            if re.search(rf"\b{words['row']} \d+\b", page)]
    assert len(rows) >= 2, "the long table should span pages"
    for number in rows:
        assert words["header"] in pages[number - 1], f"page {number} has rows but no header"
    first = pages[rows[0] - 1]
    assert f"{words['table']} {words['caption']}" in first
    assert first.index(words["caption"]) < first.index(words["header"]) \
        < first.index(f"{words['row']} 1 ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_table_stays_inside_the_text_block(built, language):
    path = built[0][language]["screen"]
    number = page_of(texts(path), WORDS[language]["wide"])
    document = pdfium.PdfDocument(path)
    try:
        page = document[number - 1]
        width = page.get_width()
        text = page.get_textpage()
        # A4 with margins of 20 mm and more: nothing nearer the edge than 15 mm.
        edge = 15 / 25.4 * 72
        lefts_rights = [text.get_charbox(i) for i in range(text.count_chars())
                        if not text.get_text_range(i, 1).isspace()]
        assert lefts_rights
        assert all(left >= edge and right <= width - edge
                   for left, _bottom, right, _top in lefts_rights)
    finally:
        document.close()


@pytest.mark.parametrize("variant", ["screen", "print"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_footnotes_are_at_the_foot_of_the_page_that_refers_to_them(built, language, variant):
    words = WORDS[language]
    path = built[0][language][variant]
    pages = texts(path)
    for note, reference in (("note", "note_ref"), ("note2", "note2_ref")):
        assert page_of(pages, words[note]) == page_of(pages, words[reference])
    document = pdfium.PdfDocument(path)
    try:
        number = page_of(pages, words["note"])
        text = document[number - 1].get_textpage()
        note_y = text.search(words["note"]).get_next()
        reference_y = text.search(words["note_ref"]).get_next()
        note_top = text.get_charbox(note_y[0])[3]
        reference_top = text.get_charbox(reference_y[0])[3]
        assert note_top < reference_top, "the footnote is below the text that refers to it"
        assert note_top < document[number - 1].get_height() / 4, "at the foot of the page"
    finally:
        document.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_cross_references_name_the_page_of_their_target(built, language):
    words = WORDS[language]
    pages = texts(built[0][language]["print"])
    references = [(number, int(match[1])) for number, page in enumerate(pages, 1)
                  for match in re.finditer(rf"\({re.escape(words['see'])} (\d+)\)", page)]
    assert len(references) == 2, references
    forward, backward = sorted(references)
    assert forward[1] == page_of(pages, words["target"]) > forward[0]
    assert backward[1] == page_of(pages, words["back_target"]) < backward[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_screen_cross_references_are_links_without_page_text(built, language):
    path = built[0][language]["screen"]
    pages = texts(path)
    assert not any(WORDS[language]["see"] in page for page in pages)
    reader = PdfReader(path)
    target = page_of(pages, WORDS[language]["target"]) - 1
    source = page_of(pages, WORDS[language]["back_target"]) - 1
    destinations = []
    for annotation in reader.pages[source].get("/Annots") or []:
        destination = annotation.get_object().get("/Dest")
        if destination is not None:
            destinations.append(reader.get_destination_page_number(
                reader.named_destinations[str(destination)]) if isinstance(destination, str)
                else reader.get_page_number(destination[0].get_object()))
    assert target in destinations


@pytest.mark.parametrize("variant", ["screen", "print"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_index_is_in_the_languages_alphabetical_order_with_right_pages(
        built, language, variant):
    pages = texts(built[0][language][variant])
    # In print the back cover comes last, after any blank pages the binding adds.
    index_page = pages[-1] if variant == "screen" else [
        page for page in pages[:-1] if page.strip()][-1]
    positions = [index_page.find(f" {term} ") for term in INDEX_ORDER[language]]
    assert all(position >= 0 for position in positions), index_page
    assert positions == sorted(positions), index_page
    letters = re.findall(r"(?:^| )([A-ZÅÄÖ]) (?=[A-ZÅÄÖ][a-zåäö])", index_page)
    assert "".join(letters) == INDEX_LETTERS[language]
    last = INDEX_ORDER[language][-3 if language != "en" else -1]
    page = int(re.search(rf"{re.escape(last)} (\d+)", index_page)[1])
    assert last in pages[page - 1] or page == page_of(pages, WORDS[language]["target"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_index_is_in_the_languages_alphabetical_order(built, language):
    text = (built[0][language]["site"] / "genindex.html").read_text(encoding="utf-8")
    body = re.sub(r"<[^>]+>", " ", text[text.index("<article"):])
    positions = [body.find(term) for term in INDEX_ORDER[language]]
    assert all(position >= 0 for position in positions)
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_pages_give_each_id_to_one_element(built, language):
    # furo wraps a table in a scrolling box and copies the table's id onto it.
    pages = sorted(built[0][language]["site"].glob("*.html"))
    assert any('class="table-wrapper' in page.read_text(encoding="utf-8") for page in pages)
    for page in pages:
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        assert not {i for i in ids if ids.count(i) > 1}, page.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_are_numbered_per_chapter_with_translated_labels(built, language):
    words = WORDS[language]
    pages = texts(built[0][language]["screen"])
    assert any(words["figure"] in page for page in pages)
    site = (built[0][language]["site"] / "kuvat.html").read_text(encoding="utf-8")
    assert f"{words['figure']} " in site and "2.2" in site


@pytest.mark.parametrize("language", LANGUAGES)
def test_image_variant_of_the_language_or_the_finnish_one_counted(built, language):
    outputs, _warnings, information = built
    pages = texts(outputs[language]["screen"])
    assert any(WORDS[language]["svg"] in page for page in pages)
    site = (outputs[language]["site"] / "kuvat.html").read_text(encoding="utf-8")
    assert ("kaavio.sv.svg" in site) == (language == "sv")
    if language != "fi":
        fallback = 1 if language == "sv" else 2
        assert any(line.startswith(f"{language}, HTML site: {fallback} of 2 images fall back")
                   for line in information), information


def test_vector_images_stay_vector_and_raster_ones_are_checked(built):
    with pikepdf.open(built[0]["fi"]["screen"]) as pdf:
        images = {image.objgen for page in pdf.pages for image in page.get_images().values()}
    assert len(images) == 1, "only the photograph is a raster image; the SVG is drawn"


def image_spaces(path: Path) -> dict[str, list[str]]:
    """The colour spaces of the figure page's raster images, and those its content paints in."""
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            images = list(page.get_images().values())
            if images:
                painted = {use.space for use in scan_inks(pdf)[0]
                           if use.page == pdf.pages.index(page) + 1 and use.values != ()}
                return {"images": [str(image.ColorSpace) for image in images],
                        "painted": sorted(painted)}
    raise AssertionError(f"{path}: no raster image")


@pytest.mark.parametrize("language", LANGUAGES)
def test_figure_images_print_in_cmyk_and_stay_rgb_on_screen(built, language):
    """Print and booklet: the photograph converted, the SVG's colours painted in CMYK, and
    check.pdf's ink checks pass; screen: the photograph's pixels as the source has them."""
    outputs = built[0][language]
    config = project_config()
    for variant in ("print", "booklet"):
        found = image_spaces(outputs[variant])
        assert found["images"] == ["/DeviceCMYK"], (variant, found)
        assert "RGB" not in found["painted"] and "CMYK" in found["painted"], (variant, found)
    expect = expectation(config.variants["print"], language, "A4", outputs["print_html"])
    assert not [f for f in check_pdf(outputs["print"], expect) if not f.passed]
    assert image_spaces(outputs["screen"])["images"] == ["/DeviceRGB"]
    with pikepdf.open(outputs["screen"]) as pdf:
        [image] = {image.objgen: pikepdf.PdfImage(image) for page in pdf.pages
                   for image in page.get_images().values()}.values()
        source = Image.open(ROOT / "source" / "kuvat" / "valokuva.png").convert("RGB")
        assert image.as_pil_image().tobytes() == source.tobytes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_tables_are_tagged_with_header_scope(built, language):
    with pikepdf.open(built[0][language]["screen"]) as pdf:
        pairs, scopes, seen = set(), [], set()
        stack = [(pdf.Root.StructTreeRoot.K, None)]
        while stack:
            node, parent = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend((child, parent) for child in node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node \
                    and node.objgen not in seen:
                seen.add(node.objgen)
                pairs.add((parent, str(node.S)))
                if node.S == "/TH":
                    scopes.append(str(node.get("/A", {}).get("/Scope")))
                if "/K" in node:
                    stack.append((node.K, str(node.S)))
    assert {("/Table", "/THead"), ("/THead", "/TR"), ("/TR", "/TH"), ("/TBody", "/TR"),
            ("/TR", "/TD"), ("/Table", "/Caption")} <= pairs
    assert scopes and set(scopes) == {"/Column"}


def notes_and_links(path: Path) -> list[tuple[str, str, list[str]]]:
    """Each Note element of a tagged PDF (pikepdf): its /ID, the role of the kid before
    it in its parent, and its own kids' roles."""
    with pikepdf.open(path) as pdf:
        notes, stack, seen = [], [(pdf.Root.StructTreeRoot, None)], set()
        while stack:
            node, parent = stack.pop()
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            if node.get("/S") == "/Note":
                siblings = [str(kid.get("/S")) if isinstance(kid, pikepdf.Dictionary) else "mcid"
                            for kid in parent.K]
                place = [kid.objgen if isinstance(kid, pikepdf.Dictionary) else None
                         for kid in parent.K].index(node.objgen)
                notes.append((bytes(node.ID).decode(), siblings[place - 1],
                              [str(kid.S) for kid in kids if isinstance(kid, pikepdf.Dictionary)
                               and "/S" in kid]))
            stack += [(kid, node) for kid in kids if isinstance(kid, pikepdf.Dictionary)
                      and "/S" in kid]
    return notes


@pytest.mark.parametrize("language", LANGUAGES)
def test_footnotes_are_notes_right_after_the_link_that_refers_to_them(built, language):
    words = WORDS[language]
    path = built[0][language]["screen"]
    notes = notes_and_links(path)
    assert sorted((anchor, before, kids[:1]) for anchor, before, kids in notes) == [
        ("lahde", "/Link", ["/Lbl"]), ("laki", "/Link", ["/Lbl"])]
    # pypdf: the call is a link annotation to the note's anchor, on the note's page,
    # described by the note's text.
    reader = PdfReader(path)
    pages = texts(path)
    for anchor, note in (("laki", "note"), ("lahde", "note2")):
        page = page_of(pages, words[note]) - 1
        links = {str(a.get_object().get("/Dest")): str(a.get_object().get("/Contents"))
                 for a in reader.pages[page].get("/Annots") or []}
        assert anchor in links and words[note] in links[anchor]
        assert reader.get_destination_page_number(reader.named_destinations[anchor]) == page
    findings = check_pdf(path, expectation(project_config().variants["screen"], language,
                                           "A4", built[0][language]["print_html"]))
    assert [f.problem for f in findings if not f.passed] == []
    assert NOTES in {f.check for f in findings}


def rename_note(pdf, change):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if node.get("/S") == "/Note":
            change(node)
            return
        kids = node.get("/K")
        stack += [kid for kid in (kids if isinstance(kids, pikepdf.Array) else [kids])
                  if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


@pytest.mark.parametrize("damage, problem", [
    (lambda note: setattr(note, "S", pikepdf.Name.Span), "is not tagged as a Note"),
    (lambda note: note.__delitem__("/ID"), "has no /ID"),
    (lambda note: setattr(note, "ID", pikepdf.String(
        b"lahde" if bytes(note.ID) == b"laki" else b"laki")), "is not unique"),
    (lambda note: setattr(note, "ID", pikepdf.String("elsewhere")), "no Link on its page"),
])
def test_a_footnote_not_tagged_note_fails_its_clause(built, tmp_path, damage, problem):
    path = damaged_copy(built[0]["fi"]["screen"], tmp_path,
                        lambda pdf: rename_note(pdf, damage))
    findings = check_pdf(path, expectation(project_config().variants["screen"], "fi", "A4",
                                           built[0]["fi"]["print_html"]))
    failed = [f for f in findings if not f.passed]
    # A link to a Span is described by a text that is no longer a note's (28-012).
    assert NOTES in {f.check for f in failed} <= {NOTES, DESCRIBED}, failed
    assert any(problem in f.problem for f in failed if f.check == NOTES), failed


def word_direction(path: Path, page_number: int, word: str) -> tuple[float, float]:
    """How far the letters of `word` advance across and up the page (pdfium), in points."""
    document = pdfium.PdfDocument(path)
    try:
        text = document[page_number - 1].get_textpage()
        start, count = text.search(word).get_next()
        first, last = text.get_charbox(start), text.get_charbox(start + count - 1)
        return last[0] - first[0], last[1] - first[1]
    finally:
        document.close()


@pytest.mark.parametrize("variant", ["print", "booklet"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_table_turns_to_a_landscape_page_on_paper(built, language, variant):
    path = built[0][language][variant]
    pages = texts(path)
    number = page_of(pages, WORDS[language]["wide"])
    across, up = word_direction(path, number, WORDS[language]["wide"])
    assert up > 20 and abs(across) < 2, "the wide table reads upwards: turned a quarter"
    assert not re.search(rf"\b{WORDS[language]['row']} \d+\b", pages[number - 1]), \
        "the landscape page holds the wide table alone"
    with pikepdf.open(path) as pdf:
        left, bottom, right, top = (float(v) for v in pdf.pages[number - 1].trimbox)
        assert (right - left < top - bottom) == (variant == "print"), "pages stay portrait"
    long_table = page_of(pages, f"{WORDS[language]['row']} 1 ")
    across, up = word_direction(path, long_table, WORDS[language]["header"])
    assert across > 20 and abs(up) < 2, "other pages are not turned"


@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_table_stays_upright_on_screen(built, language):
    path = built[0][language]["screen"]
    across, up = word_direction(path, page_of(texts(path), WORDS[language]["wide"]),
                                WORDS[language]["wide"])
    assert across > 20 and abs(up) < 2
