"""`invoke release` in a test repository: release 1.0, change the sources, release 1.1, and
read what the 1.1 sites and PDFs say changed; releases are immutable and refuse to repeat."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from build_tools.config import load_config
from build_tools.errors import BuildError
from build_tools.paths import BuildPaths
from build_tools.pdf.checks import verify_build
from build_tools.pdf.previews import render_previews, render_release_previews
from build_tools.release import git as release_git
from build_tools.release import snapshot
from tests.pdf_inspect import footers, normalize, page_texts
from tests.project_copy import invoke
from tests.release_repository import (
    SITE_URL,
    commit,
    edit,
    make_repository,
    message_of,
    translate,
    tree_hashes,
)

JOBS = ("--jobs", "2")
# The three changes between 1.0 and 1.1, in Finnish and as the Swedish readers see them.
OLD_FI = "Ohjeen keskeisin kohderyhmä ovat esimiehet ja viestinnästä vastaavat henkilöt."
NEW_FI = "Ohjeen keskeisin kohderyhmä ovat esihenkilöt ja viestinnästä vastaavat henkilöt."
ADDED_FI = "Hyvä viestintä on jokaisen kaupungin työntekijän tehtävä."
ADDED_SV = "God kommunikation är varje stadsanställds uppgift."
REMOVED_FI = "yritysimagon parantuminen"
REMOVED_SV = "förbättrad image bland företagen"
OLD_SV_END = "viktigaste målgrupp är chefer och personer som ansvarar för kommunikation."
NEW_SV_END = "viktigaste målgrupp är förmän och personer som ansvarar för kommunikation."
BAR = (200, 16, 46)  # #c8102e in release.css


def released(project: Path, version: str) -> subprocess.CompletedProcess:
    return invoke(project, "release", version, *JOBS)


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """Release 1.0, then the three changes, then 1.1: (project, hashes of 1.0 before 1.1)."""
    project = make_repository(tmp_path_factory.mktemp("release") / "project")
    result = released(project, "1.0")
    assert result.returncode == 0, result.stdout + result.stderr
    first = tree_hashes(project / "build" / "releases" / "1.0")

    edit(project / "source" / "kohderyhma.rst", "esimiehet ja", "esihenkilöt ja")
    kohderyhma = project / "locale" / "sv" / "LC_MESSAGES" / "kohderyhma.po"
    old_id, old_sv = message_of(kohderyhma, "esimiehet")
    translate(kohderyhma, {old_id.replace("esimiehet", "esihenkilöt"):
                           old_sv.replace("är chefer", "är förmän")}, remove=(old_id,))
    with open(project / "source" / "perustehtava.rst", "a", encoding="utf-8") as chapter:
        chapter.write(f"\n{ADDED_FI}\n")
    translate(project / "locale" / "sv" / "LC_MESSAGES" / "perustehtava.po", {ADDED_FI: ADDED_SV})
    edit(project / "source" / "strategia.rst", f"* {REMOVED_FI}\n", "")
    commit(project, "Three changes", "2026-10-01T12:00:00Z")

    result = released(project, "1.1")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, first


def release_dir(project: Path, version: str) -> Path:
    return project / "build" / "releases" / version


class Changes(HTMLParser):
    """The items of a "what changed" page: kind and the texts of each change."""

    def __init__(self):
        super().__init__()
        self.items: list[dict] = []
        self._field: str | None = None

    def handle_starttag(self, tag, attributes):
        classes = (dict(attributes).get("class") or "").split()
        if tag == "li" and "change" in classes:
            self.items.append({"kind": next(c[7:] for c in classes if c.startswith("change-")),
                               "old": "", "new": ""})
        elif tag in ("del", "ins") and self.items:
            self._field = "old" if tag == "del" else "new"

    def handle_endtag(self, tag):
        if tag in ("del", "ins"):
            self._field = None

    def handle_data(self, data):
        if self._field:
            self.items[-1][self._field] += data


def site_changes(project: Path, version: str, language: str) -> list[dict]:
    parser = Changes()
    parser.feed((release_dir(project, version) / "html" / language / "changes.html")
                .read_text(encoding="utf-8"))
    return [{key: normalize(value) for key, value in item.items()} for item in parser.items]


def expected(language: str) -> list[dict]:
    """The three changes in reading order (perustehtava, kohderyhma, strategia)."""
    if language == "fi":
        return [{"kind": "added", "old": "", "new": ADDED_FI},
                {"kind": "changed", "old": f"… {OLD_FI}", "new": f"… {NEW_FI}"},
                {"kind": "removed", "old": REMOVED_FI, "new": ""}]
    return [{"kind": "added", "old": "", "new": ADDED_SV},
            {"kind": "changed", "old": f"… {OLD_SV_END}", "new": f"… {NEW_SV_END}"},
            {"kind": "removed", "old": REMOVED_SV, "new": ""}]


def matches(found: list[dict], wanted: list[dict]) -> bool:
    """Equal, where a wanted text "… end" only fixes how the found text ends."""
    def same(text: str, pattern: str) -> bool:
        return text.endswith(pattern[2:]) if pattern.startswith("… ") else text == pattern
    return len(found) == len(wanted) and all(
        f["kind"] == w["kind"] and same(f["old"], w["old"]) and same(f["new"], w["new"])
        for f, w in zip(found, wanted, strict=True))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_sites_of_1_1_list_exactly_the_three_changes(releases, language):
    project, _ = releases
    found = site_changes(project, "1.1", language)
    assert matches(found, expected(language)), found


def test_the_first_release_says_it_is_the_first(releases):
    project, _ = releases
    page = (release_dir(project, "1.0") / "html" / "sv" / "changes.html").read_text(encoding="utf-8")
    assert "Version 1.0 är handbokens första utgåva." in page
    assert site_changes(project, "1.0", "sv") == []
    for language, sentence in (("fi", "Versio 1.0 on käsikirjan ensimmäinen julkaisu."),
                               ("sv", "Version 1.0 är handbokens första utgåva.")):
        pdf = release_dir(project, "1.0") / "pdf" / f"viestintaohje-trustees-{language}-screen.pdf"
        assert sentence in appendix(pdf), language


def appendix(pdf: Path) -> str:
    """The text of a PDF's "what changed" appendix: its pages after the contents."""
    pages = page_texts(PdfReader(pdf))
    fi = "-fi-" in pdf.name
    contents = next(i for i, page in enumerate(pages) if ("Sisällys" if fi else "Innehåll") in page)
    heading = "Mitä muuttui" if fi else "Vad har ändrats"
    first = next(i for i, page in enumerate(pages) if i > contents and heading in page)
    return " ".join(pages[first:])


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("edition", ["employees", "trustees"])
def test_each_1_1_pdf_lists_the_three_changes_in_an_appendix(releases, language, edition):
    project, _ = releases
    text = appendix(release_dir(project, "1.1") / "pdf"
                    / f"viestintaohje-{edition}-{language}-screen.pdf")
    labels = ("Lisätty", "Muutettu", "Poistettu") if language == "fi" else \
        ("Tillagt", "Ändrat", "Borttaget")
    assert [text.count(label) for label in labels] == [1, 1, 1], text
    for change in expected(language):
        for side in ("old", "new"):
            assert change[side].removeprefix("… ") in text, (change[side], text)


def red_columns(pdf: Path, page_index: int) -> list[float]:
    """Where on the page (0 left .. 1 right) the change bar's colour is drawn."""
    page = pypdfium2.PdfDocument(pdf)[page_index]
    image = page.render(scale=1).to_pil().convert("RGB")
    width, height = image.size
    pixels = image.load()
    return sorted({x / width for x in range(width) for y in range(0, height, 2)
                   if all(abs(a - b) < 30 for a, b in zip(pixels[x, y], BAR, strict=True))})


def page_with(pdf: Path, text: str) -> int:
    texts = page_texts(PdfReader(pdf))
    return next(index for index, page in enumerate(texts) if text in page)


@pytest.mark.parametrize("variant", ["print", "screen"])
@pytest.mark.parametrize("text", [NEW_FI, ADDED_FI])
def test_changed_paragraphs_have_a_change_bar_in_the_outer_margin(releases, variant, text):
    project, _ = releases
    pdf = release_dir(project, "1.1") / "pdf" / f"viestintaohje-employees-fi-{variant}.pdf"
    index = page_with(pdf, text)
    columns = red_columns(pdf, index)
    assert columns, f"no change bar on page {index + 1} of {pdf.name}"
    # Page 1 is a right-hand page: its outer margin is on the right.
    outer_right = index % 2 == 0
    assert all(c > 0.75 for c in columns) if outer_right else all(c < 0.25 for c in columns), \
        (index, columns)


def test_the_first_release_has_no_change_bars(releases):
    project, _ = releases
    pdf = release_dir(project, "1.0") / "pdf" / "viestintaohje-employees-fi-print.pdf"
    assert not red_columns(pdf, page_with(pdf, OLD_FI))


def test_change_bars_are_artifacts_in_the_screen_pdf(releases):
    """Every fill in the bar's colour is inside /Artifact marked content."""
    project, _ = releases
    pdf = pikepdf.open(release_dir(project, "1.1") / "pdf"
                       / "viestintaohje-employees-fi-screen.pdf")
    fills = 0
    for page in pdf.pages:
        for operands, name, marks in marked_operations(page):
            if name in ("rg", "sc", "scn") and len(operands) == 3 and \
                    [round(float(v) * 255) for v in operands] == list(BAR):
                fills += 1
                assert "/Artifact" in marks, marks
    assert fills >= 2


def test_every_1_1_pdf_passes_the_pdf_ua_and_pdf_x_checks(releases):
    """Colophon, changes appendix, change bars and QR code included (`invoke check.pdf`)."""
    project, _ = releases
    findings = verify_build(load_config(project / "handbook.toml"),
                            BuildPaths(release_dir(project, "1.1")))
    assert len({f.pdf for f in findings}) == 2 * 2 * 3
    assert [(f.pdf.name, f.check, f.page, f.problem) for f in findings if not f.passed] == []


def test_the_site_marks_changed_paragraphs(releases):
    project, _ = releases
    site = release_dir(project, "1.1") / "html" / "fi"
    page = (site / "kohderyhma.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="handbook-changed"[^>]*>[^<]*esihenkilöt', page)
    assert 'class="handbook-changed"' in (site / "perustehtava.html").read_text(encoding="utf-8")
    assert "handbook-changed" not in (site / "index.html").read_text(encoding="utf-8")
    first = release_dir(project, "1.0") / "html" / "fi" / "kohderyhma.html"
    assert "handbook-changed" not in first.read_text(encoding="utf-8")


def test_the_1_0_release_is_byte_identical_after_1_1(releases):
    project, first = releases
    assert tree_hashes(release_dir(project, "1.0")) == first
    assert all(mode & 0o222 == 0 for _, mode in first.values()), "release files are read-only"


def test_releasing_1_1_again_refuses(releases):
    project, _ = releases
    before = tree_hashes(release_dir(project, "1.1"))
    result = released(project, "1.1")
    assert result.returncode == 1
    assert "release 1.1 exists" in result.stderr and "never overwritten" in result.stderr
    assert tree_hashes(release_dir(project, "1.1")) == before


def test_sha256sums_checks_with_sha256sum(releases, tmp_path):
    project, _ = releases
    folder = release_dir(project, "1.1")
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=folder,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    assert {"manifest.json", "messages.json", "html/fi/index.html",
            "pdf/viestintaohje-trustees-sv-booklet.pdf"} <= listed
    # A damaged copy fails the check.
    damaged = tmp_path / "damaged"
    subprocess.run(["cp", "-r", str(folder), str(damaged)], check=True)
    pdf = damaged / "pdf" / "viestintaohje-employees-fi-screen.pdf"
    pdf.chmod(0o644)
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    assert subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=damaged,
                          capture_output=True).returncode == 1


def test_the_manifest_names_version_commit_and_checksums(releases):
    project, _ = releases
    manifest = json.loads((release_dir(project, "1.1") / "manifest.json").read_text())
    head = release_git.run_git("rev-parse", "HEAD", root=project).strip()
    assert (manifest["version"], manifest["previous_version"]) == ("1.1", "1.0")
    assert manifest["source_commit"] == head
    assert len(manifest["artifacts"]) == 2 + 2 * 2 * 3
    assert all(len(artifact["sha256"]) == 64 for artifact in manifest["artifacts"])


def test_the_tag_keeps_the_snapshot_for_a_checkout_without_build(releases):
    project, _ = releases
    message = release_git.tag_message("handbook-1.0", root=project)
    kept = snapshot.from_tag_message(message, "handbook-1.0")
    folder = json.loads((release_dir(project, "1.0") / "messages.json").read_text())
    assert kept == folder and kept["version"] == "1.0"
    tagged = release_git.run_git("rev-list", "-n", "1", "handbook-1.0", root=project).strip()
    assert tagged == folder["source_commit"]


def test_the_snapshot_knows_which_edition_shows_a_message(releases):
    project, _ = releases
    messages = json.loads((release_dir(project, "1.1") / "messages.json").read_text())
    alkusanat = next(d for d in messages["documents"] if d["name"] == "alkusanat")
    where = {("uusille" in m["id"]): m["in"] for m in alkusanat["messages"]
             if m["id"].startswith("Tämä opas on tarkoitettu")}
    assert where == {True: ["employees"], False: ["trustees"]}
    generic = next(m for m in alkusanat["messages"] if m["id"].startswith("Viestintäohje julkaistaan"))
    assert generic["in"] == ["site"]


def test_colophon_and_back_cover(releases):
    project, _ = releases
    pdf = release_dir(project, "1.1") / "pdf" / "viestintaohje-employees-sv-print.pdf"
    texts = page_texts(PdfReader(pdf))
    colophon = texts[1]
    for fact in ("Om publikationen", "Kommunikationsanvisning för nyanställda", "Version 1.1",
                 "1 oktober 2026", "Villmanstrands stad", "Språk svenska",
                 "Tillgängliga språk suomi, svenska", f"{SITE_URL}html/sv/",
                 "Open Sans, Apache License 2.0"):
        assert fact in colophon, (fact, colophon)
    head = release_git.run_git("rev-parse", "HEAD", root=project).strip()
    assert head in colophon.replace(" ", "")
    assert f"{SITE_URL}html/sv/" in texts[-1]


def test_the_back_cover_qr_code_reads_as_the_online_address(releases):
    """zxing-cpp, not segno, reads the code off the rendered back cover of each printed book."""
    project, _ = releases
    for name in ("employees-sv-print", "trustees-fi-print"):
        pdf = pypdfium2.PdfDocument(release_dir(project, "1.1") / "pdf" / f"viestintaohje-{name}.pdf")
        image = pdf[len(pdf) - 1].render(scale=4).to_pil()
        codes = zxingcpp.read_barcodes(image)
        language = name.split("-")[1]
        assert [code.text for code in codes] == [f"{SITE_URL}html/{language}/"], name


def marked_operations(page: pikepdf.Page):
    """Each painting operation of a page with the marked-content tags open around it."""
    marks: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BMC", "BDC"):
            marks.append(str(operands[0]))
        elif name == "EMC":
            marks.pop()
        else:
            yield operands, name, marks


def fills_by_marking(page: pikepdf.Page) -> dict[str, int]:
    """How many fills (f, f*, B) a page paints inside each kind of marked content."""
    counts: dict[str, int] = {}
    for _operands, name, marks in marked_operations(page):
        if name in ("f", "f*", "F", "B", "B*"):
            key = "/Artifact" if "/Artifact" in marks else (marks[-1] if marks else "unmarked")
            counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_screen_file_ends_with_the_qr_code_as_an_artifact(releases, language):
    """The last page of the screen PDF: the code (zxing-cpp reads it), painted only inside
    /Artifact, and the address printed beside it as text and as a link, its alternative."""
    project, _ = releases
    path = release_dir(project, "1.1") / "pdf" / f"viestintaohje-trustees-{language}-screen.pdf"
    address = f"{SITE_URL}html/{language}/"
    document = pypdfium2.PdfDocument(path)
    codes = zxingcpp.read_barcodes(document[len(document) - 1].render(scale=4).to_pil())
    assert [code.text for code in codes] == [address]
    assert address in page_texts(PdfReader(path))[-1]
    with pikepdf.open(path) as pdf:
        last = pdf.pages[-1]
        # 25x25 to 33x33 modules: one fill per run of dark modules, well over a hundred.
        assert fills_by_marking(last).get("/Artifact", 0) > 100, fills_by_marking(last)
        assert set(fills_by_marking(last)) == {"/Artifact"}, fills_by_marking(last)
        links = [str(annotation.A.URI) for annotation in last.get("/Annots", [])
                 if annotation.get("/Subtype") == "/Link" and "/A" in annotation]
        assert address in links


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_site_page_shows_the_version_in_its_footer(releases, language):
    project, _ = releases
    label = "Versio" if language == "fi" else "Version"
    for version in ("1.0", "1.1"):
        site = release_dir(project, version) / "html" / language
        pages = sorted(site.glob("*.html"))
        assert len(pages) >= 8
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert f'<div class="handbook-version">{label} <a href="versions.html">{version}</a>' \
                in text, (version, page.name)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_footers_of_the_printed_books_count_their_pages(releases, language):
    """Blank pages for the binding included: "n / 16" in a 16-page file."""
    project, _ = releases
    for edition in ("employees", "trustees"):
        path = release_dir(project, "1.1") / "pdf" / f"viestintaohje-{edition}-{language}-print.pdf"
        numbered = footers(path)
        assert len(numbered) % 4 == 0
        assert [n for n in numbered if n] == [(i + 1, len(numbered))
                                              for i, n in enumerate(numbered) if n], path.name


def test_the_versions_page_links_to_each_release(releases):
    project, _ = releases
    page = release_dir(project, "1.1") / "html" / "fi" / "versions.html"
    text = page.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*releases/|\.\./\.\./\.\./[^"]+)"', text)
    targets = [(page.parent / link).resolve() for link in links]
    assert any("1.0/pdf/viestintaohje-employees-fi-screen.pdf" in str(t) for t in targets)
    assert any("1.1/pdf/viestintaohje-trustees-fi-print.pdf" in str(t) for t in targets)
    assert all(t.is_file() for t in targets), [t for t in targets if not t.is_file()]
    assert "1. lokakuuta 2026" in text and "1. syyskuuta 2026" in text


def test_a_dirty_tree_is_refused(releases, tmp_path):
    project, _ = releases
    chapter = project / "source" / "kohderyhma.rst"
    original = chapter.read_text(encoding="utf-8")
    chapter.write_text(original + "\nUusi kappale.\n", encoding="utf-8")
    try:
        result = released(project, "1.2")
    finally:
        chapter.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert "commit or remove these first" in result.stderr and "kohderyhma.rst" in result.stderr
    assert sorted(p.name for p in (project / "build" / "releases").iterdir()) == ["1.0", "1.1"]


def test_an_incomplete_language_is_refused(releases):
    project, _ = releases
    with open(project / "source" / "kohderyhma.rst", "a", encoding="utf-8") as chapter:
        chapter.write("\nTätä kappaletta ei ole käännetty.\n")
    commit(project, "Untranslated", "2026-11-01T12:00:00Z")
    po = project / "locale" / "sv" / "LC_MESSAGES" / "kohderyhma.po"
    try:
        before_update = released(project, "1.2")
        # As the translator gets it: the message in the catalog, its translation empty.
        update = invoke(project, "i18n.update", "--lang", "sv")
        assert update.returncode == 0, update.stdout + update.stderr
        commit(project, "Catalogs updated", "2026-11-02T12:00:00Z")
        result = released(project, "1.2")
        lines = po.read_text(encoding="utf-8").splitlines()
    finally:
        release_git.run_git("reset", "--hard", "HEAD~2", root=project)
    assert before_update.returncode == 1
    assert ("locale/sv/LC_MESSAGES/kohderyhma.po (not in the file yet: run `invoke "
            "i18n.update --lang sv`): untranslated: 'Tätä kappaletta ei ole käännetty.'"
            in before_update.stderr), before_update.stderr
    assert result.returncode == 1
    # Refused before any output is built (the complete fi and en once were, then dropped).
    for refusal in (before_update, result):
        assert "nothing was built" in refusal.stderr, refusal.stderr
        assert "building " not in refusal.stdout + refusal.stderr, refusal.stdout
    found = re.search(r"locale/sv/LC_MESSAGES/kohderyhma\.po:(\d+): untranslated: "
                      r"'Tätä kappaletta ei ole käännetty\.'", result.stderr)
    assert found, result.stderr
    assert lines[int(found[1]) - 1] == 'msgid "Tätä kappaletta ei ole käännetty."'
    assert sorted(p.name for p in (project / "build" / "releases").iterdir()) == ["1.0", "1.1"]
    assert "handbook-1.2" not in release_git.run_git("tag", root=project)


def test_a_build_at_the_release_commit_reproduces_its_pdfs(releases):
    project, _ = releases
    result = invoke(project, "build", "--lang", "sv", "--edition", "trustees",
                    "--variant", "screen,print", *JOBS)
    assert result.returncode == 0, result.stdout + result.stderr
    for variant in ("screen", "print"):
        name = f"viestintaohje-trustees-sv-{variant}.pdf"
        assert (project / "build" / "pdf" / name).read_bytes() == \
            (release_dir(project, "1.1") / "pdf" / name).read_bytes(), name
    # The QR code's alternative text, in the print HTML the PDFs were rendered from.
    html = (project / "build" / "print-html" / "trustees-sv" / "index.html").read_text()
    assert (f'role="img" aria-label="QR-kod: handbokens webbversion på adressen '
            f'{SITE_URL}html/sv/"') in html


def test_release_previews_show_the_colophon_and_the_changes(releases, tmp_path):
    """`invoke docs.release-previews` renders the colophon and the appendix's first page;
    `invoke docs.previews` keeps them; a PDF without the appendix is refused by name."""
    project, _ = releases
    pdf = release_dir(project, "1.1") / "pdf" / "viestintaohje-employees-fi-screen.pdf"
    written = render_release_previews(pdf, tmp_path)
    assert [path.name for path in written] == [f"{pdf.stem}-colophon.png", f"{pdf.stem}-changes.png"]
    texts = page_texts(PdfReader(pdf))
    assert "Tietoja julkaisusta" in texts[1]
    shown = [page for page in range(len(texts)) if texts[page].startswith("Mitä muuttui Versio 1.1")]
    assert len(shown) == 1
    document = pypdfium2.PdfDocument(pdf)
    pages = [document[index].render(scale=60 / 72).to_pil().convert("L")
             for index in range(len(document))]

    def closest_page(png: Path) -> int:
        image = Image.open(png).convert("L")
        return min(range(len(pages)), key=lambda index: ImageStat.Stat(
            ImageChops.difference(image, pages[index])).mean[0])
    assert [closest_page(path) for path in written] == [1, shown[0]]
    render_previews([(pdf, False)], tmp_path)
    assert {path.name for path in written} <= {path.name for path in tmp_path.glob("*.png")}
    booklet = release_dir(project, "1.1") / "pdf" / "viestintaohje-employees-fi-booklet.pdf"
    with pytest.raises(BuildError, match="viestintaohje-employees-fi-booklet.pdf: no colophon"):
        render_release_previews(booklet, tmp_path)
