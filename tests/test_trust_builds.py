"""The red-team list of issue 12 as builds of a project copy: each bad input fails with its
file and line and leaves earlier outputs byte-identical, or comes out as inert text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf_inspect import page_texts
from tests.project_copy import (
    SELECTION,
    add_to_first_msgstr,
    append,
    fails_keeping_outputs,
    invoke,
    outputs,
    replace,
)

# Every test builds a clone of the session's built project copy (`project` in conftest.py).
pytestmark = pytest.mark.slow
STRATEGIA = "source/strategia.rst"
SV = "locale/sv/LC_MESSAGES"


def msgstr_of(path: Path, msgid: str) -> str:
    return re.search(rf'^msgid "{re.escape(msgid)}"\nmsgstr "(.*)"$',
                     path.read_text(encoding="utf-8"), re.M)[1]


# --- 1. script through catalogs; 2. configuration into HTML --------------------------------

@pytest.mark.parametrize("catalog, msgid, hostile, message", [
    ("handbook.po", "näyttöversio", "skärmversion<img src=x onerror=alert(1)>",
     r"locale/sv/LC_MESSAGES/handbook\.po:\d+: msgid 'näyttöversio': msgstr adds markup the "
     r"msgid does not have: <img src=x onerror=alert\(1\)>"),
    ("sphinx.po", "Next", "Nästa<script>alert(1)</script>",
     r"locale/sv/LC_MESSAGES/sphinx\.po:\d+: msgid 'Next': msgstr adds markup"),
])
def test_markup_in_an_interface_translation_fails_the_build(project, catalog, msgid, hostile,
                                                            message):
    path = project / SV / catalog
    replace(path, f'msgid "{msgid}"\nmsgstr "{msgstr_of(path, msgid)}"',
            f'msgid "{msgid}"\nmsgstr "{hostile}"')
    fails_keeping_outputs(project, message)
    check = invoke(project, "i18n.check")
    assert check.returncode == 1 and re.search(message, check.stdout + check.stderr)


def test_markup_in_the_configuration_comes_out_as_text(project):
    replace(project / "handbook.toml", 'author = "Lappeenrannan kaupunki"',
            'author = "Lappeenrannan kaupunki <luonnos> & harjoittelijat"')
    replace(project / "handbook.toml", 'title = "Viestintäohje uudelle työntekijälle"',
            'title = "Viestintäohje <style>body { display: none }</style>"')
    replace(project / "handbook.toml", 'name = "svenska"', 'name = "<b>svenska</b>"')
    replace(project / "handbook.toml", 'title = "Viestintäohje"', 'title = "Ohje <i>beta</i>"')
    result = invoke(project, "build", *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    cover = page_texts(PdfReader(project / "build/pdf/viestintaohje-employees-fi-screen.pdf"))[0]
    assert "Lappeenrannan kaupunki <luonnos> & harjoittelijat" in cover
    assert "<style>body { display: none }</style>" in cover
    print_html = (project / "build/print-html/employees-fi/index.html").read_text("utf-8")
    assert "<style>body" not in print_html
    for page in ("html/fi/index.html", "html/sv/index.html", "html/index.html"):
        site = (project / "build" / page).read_text(encoding="utf-8")
        for raw in ("<style>body", "<b>svenska</b>", "<luonnos>", "<i>beta"):
            assert raw not in site, (page, raw)
        assert "&lt;b&gt;svenska&lt;/b&gt;" in site and "Ohje &lt;i&gt;beta" in site, page


# --- 3. links, SVG ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, scheme", [
    ("\nKatso `ohje <javascript:alert(1)>`_.\n", "javascript"),
    ("\n.. _kohde: javascript:alert(2)\n\nKatso kohde_.\n", "javascript"),
    ("\nKatso `ohje <data:text/html;base64,PHNjcmlwdD4=>`_.\n", "data"),
    ("\nKatso `ohje <vbscript:msgbox>`_.\n", "vbscript"),
])
def test_a_link_to_a_live_scheme_in_a_chapter_fails(project, text, scheme):
    append(project / STRATEGIA, text)
    fails_keeping_outputs(project, rf"source/strategia\.rst:\d+: ERROR: link to a {scheme}: address")


def test_a_live_link_in_a_translation_fails(project):
    path = project / SV / "strategia.po"
    add_to_first_msgstr(path, " `Mer <javascript:alert(1)>`_")
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/strategia\.po:\d+: msgid .*: msgstr adds a "
                   r"javascript: address")


def test_an_svg_with_script_is_refused(project):
    (project / "source/_static/kaavio.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
        encoding="utf-8")
    append(project / STRATEGIA, "\n.. image:: _static/kaavio.svg\n   :target: _static/kaavio.svg\n")
    fails_keeping_outputs(project, r"source/_static/kaavio\.svg:2: <script> element")


# --- 4. nothing from outside the project -------------------------------------------------------

@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_a_symbolic_link_in_source_is_refused(project, tmp_path, folder):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "salaisuus.txt").write_text("salainen", encoding="utf-8")
    link = project / "source/_static" / ("kansio" if folder else "salaisuus.txt")
    link.symlink_to(outside if folder else outside / "salaisuus.txt")
    fails_keeping_outputs(project, rf"source/_static/{link.name}: is a symbolic link \(to {outside}")


@pytest.mark.parametrize("text, message", [
    ("\n.. image:: ../../kuva.png\n", r"source/strategia\.rst:\d+: ERROR: image \.\./\.\./kuva"
                                      r"\.png is outside source/"),
    ("\n:download:`x </../../../../../../../../etc/passwd>`\n",
     r"source/strategia\.rst:\d+: ERROR: download /\.\./.*etc/passwd is outside source/"),
])
def test_images_and_downloads_from_outside_source_are_refused(project, text, message):
    (project.parent / "kuva.png").write_bytes((project / "source/_static/favicon.svg")
                                              .read_bytes())
    append(project / STRATEGIA, text)
    fails_keeping_outputs(project, message)


# --- 5. fonts ------------------------------------------------------------------------------------

def test_a_character_the_fonts_lack_names_the_chapter_line(project):
    append(project / STRATEGIA, "\nValmis ✓\n")
    lines = (project / STRATEGIA).read_text(encoding="utf-8").count("\n")
    fails_keeping_outputs(project, rf"source/strategia\.rst:{lines}: character '✓' \(U\+2713 CHECK MARK\) is "
                   r"not in the handbook's fonts")


def test_a_character_the_fonts_lack_names_the_translation(project):
    path = project / SV / "strategia.po"
    add_to_first_msgstr(path, " 日本語")
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/strategia\.po:\d+: character '日'")


# --- 6. silent wrong output ------------------------------------------------------------------

def test_an_edition_tag_no_chapter_uses_fails(project):
    text = (project / "handbook.toml").read_text(encoding="utf-8")
    line = text[:text.index('tag = "employees"')].count("\n") + 1
    replace(project / "handbook.toml", 'tag = "employees"', 'tag = "employes"')
    fails_keeping_outputs(project, rf"handbook\.toml:{line}: tag 'employes' of edition 'employees' is used by "
                   r"no `\.\. only::`")


def test_a_slug_that_leaves_the_build_folder_is_refused(project):
    replace(project / "handbook.toml", 'slug = "viestintaohje"', 'slug = "../../x"')
    fails_keeping_outputs(project, r"handbook\.toml:\d+: slug '\.\./\.\./x' must be lower case")
    assert not list(project.parent.glob("*.pdf"))


# --- 7. stale output called fresh ------------------------------------------------------------

def test_an_edited_hyphenation_exception_rebuilds_the_pdfs(project):
    append(project / "hyphenation/fi-exceptions.txt", "\nvies-tintä-ohje\n")
    result = invoke(project, "build", *SELECTION)
    assert result.returncode == 0, result.stderr
    assert re.search(r"viestintaohje-employees-fi-screen\.pdf\s+built", result.stdout)
    assert re.search(r"build/html/fi/index\.html\s+up to date", result.stdout)


def test_a_change_to_our_sphinx_code_is_seen_by_sphinx(project):
    append(project / "build_tools/sphinxext/sanitize.py", '''

_original_setup = setup


def _mark(app, doctree):
    doctree.append(nodes.paragraph(text="KOODI-MUUTETTU"))


def setup(app):
    app.connect("doctree-read", _mark)
    return _original_setup(app)
''')
    result = invoke(project, "build", *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KOODI-MUUTETTU" in (project / "build/html/fi/strategia.html").read_text("utf-8")


# --- 8. translation loss --------------------------------------------------------------------

def test_a_duplicate_msgid_fails_naming_both_lines_and_update_keeps_it(project):
    path = project / SV / "strategia.po"
    text = path.read_text(encoding="utf-8")
    entry = re.search(r'^msgid "(.+)"\nmsgstr "(.+)"\n', text, re.M)
    first_line = text[:entry.start()].count("\n") + 1
    path.write_text(text + f'\nmsgid "{entry[1]}"\nmsgstr "Annan översättning"\n',
                    encoding="utf-8")
    fails_keeping_outputs(project, rf"locale/sv/LC_MESSAGES/strategia\.po:\d+: msgid .* is also at line "
                   rf"{first_line}")
    update = invoke(project, "i18n.update", "--lang", "sv")
    assert update.returncode == 1 and "is also at line" in update.stdout + update.stderr
    assert "Annan översättning" in path.read_text(encoding="utf-8")


# --- 9. weak cases: one line naming the file, no traceback -----------------------------------

def test_a_chapter_not_in_utf8_names_its_line(project):
    with open(project / STRATEGIA, "ab") as file:
        file.write("\nHyvää päivää\n".encode("latin-1"))
    fails_keeping_outputs(project, r"source/strategia\.rst:\d+: not UTF-8 \(byte 0xe4\)")


def test_a_deeply_nested_list_names_its_line(project):
    append(project / STRATEGIA, "\n" + "".join("  " * n + "* kohta\n\n" for n in range(200)))
    fails_keeping_outputs(project, r"source/strategia\.rst:\d+: indented \d+ columns")


def test_a_control_character_in_a_translation_names_its_line(project):
    path = project / SV / "strategia.po"
    add_to_first_msgstr(path, "\a")
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/strategia\.po:\d+: msgid .*: msgstr contains "
                   r"control character\(s\) U\+0007")


@pytest.mark.parametrize("value", ["eilen", "-1"])
def test_a_bad_source_date_epoch_is_one_line(project, value, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    fails_keeping_outputs(project, rf"error: SOURCE_DATE_EPOCH='{value}' is not a date")


@pytest.mark.parametrize("jobs", ["-1", "abc"])
def test_a_bad_jobs_count_is_one_line(project, jobs):
    fails_keeping_outputs(project, rf"error: --jobs {jobs}: give a whole number", "--lang", "fi",
          f"--jobs={jobs}")


def test_a_build_folder_inside_source_is_refused(project):
    fails_keeping_outputs(project, r"error: build folder .*source/out is inside source/", "--lang", "fi",
          "--build-dir", "source/out")
    assert not (project / "source/out").exists()


def test_an_unwritable_build_folder_is_one_line(project):
    (project / "tiedosto").write_text("", encoding="utf-8")
    fails_keeping_outputs(project, r"error: .*tiedosto/build: cannot write to the build folder", "--lang", "fi",
          "--build-dir", "tiedosto/build")


def test_a_remote_import_in_the_site_stylesheet_is_refused(project):
    append(project / "source/_static/handbook-web.css",
           '\n@import url("https://fonts.example.org/x.css");\n')
    fails_keeping_outputs(project, r"source/_static/handbook-web\.css:\d+: 'https://fonts\.example\.org/x\.css' "
                   r"loads a file from outside the site")


@pytest.mark.parametrize("value", ["nan", "100000"])
def test_an_unreasonable_bleed_is_refused(project, value):
    replace(project / "handbook.toml", "bleed_mm = 3", f"bleed_mm = {value}")
    fails_keeping_outputs(project, r"handbook\.toml:\d+: bleed_mm of variant 'print' must be from 0 to 20")


def test_outputs_of_a_removed_language_are_removed(project):
    text = (project / "handbook.toml").read_text(encoding="utf-8")
    (project / "handbook.toml").write_text(text.replace('[languages.sv]\nname = "svenska"\n', ""),
                                           encoding="utf-8")
    shutil.rmtree(project / "locale/sv")
    result = invoke(project, "build", "--lang", "fi", "--edition", "employees")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "build/html/sv").exists()
    assert not list((project / "build/pdf").glob("*-sv-*.pdf"))
    assert re.search(r"removed build/html/sv: handbook\.toml no longer declares it",
                     result.stderr)


def test_a_site_is_not_published_when_its_print_html_failed(project):
    """With --keep-going the site of a language is built, but a failure of the same
    language's print HTML keeps the old site in place."""
    before = outputs(project)
    append(project / STRATEGIA, "\nUusi kappale.\n")
    replace(project / "build_tools/pdf/print_theme/page.html", "{{ body }}", "{{ body(")
    result = invoke(project, "build", *SELECTION, "--keep-going")
    assert result.returncode == 1
    assert re.search(r"html/fi: not published, print-html/employees-fi failed", result.stderr)
    after = outputs(project)
    assert {k: v for k, v in after.items() if k.startswith("html/fi/")} == \
        {k: v for k, v in before.items() if k.startswith("html/fi/")}
