"""The trust boundary's checks, each shown a known-bad input: catalogs, templates, config,
chapters, static files, fonts, provenance, the build folder and the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

from build_tools.config import CONFIG_PATH, load_config
from build_tools.errors import BuildError, ConfigError, TranslationError
from build_tools.i18n.catalogs import read_catalog
from build_tools.i18n.check import check_file
from build_tools.paths import PRINT_THEME_DIR, PROJECT_ROOT, SOURCE_DIR, BuildPaths

HEADER = ('msgid ""\nmsgstr ""\n"Language: sv\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
INJECTION = "skärmversion<img src=x onerror=alert(1)>"


def catalog(tmp_path: Path, name: str, entries: str) -> Path:
    path = tmp_path / "locale" / "sv" / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


# --- catalogs -------------------------------------------------------------------------

@pytest.mark.parametrize("domain, msgid, msgstr, message", [
    ("handbook", "näyttöversio", INJECTION,
     r"handbook\.po:7: msgid 'näyttöversio': msgstr adds markup the msgid does not have: "
     r"<img src=x onerror=alert\(1\)>"),
    ("sphinx", "Next", "Nästa<script>alert(1)</script>",
     r"sphinx\.po:7: msgid 'Next': msgstr adds markup .*<script>"),
    ("sphinx", "Search", 'Sök\\" autofocus onfocus=\\"alert(1)',
     r"sphinx\.po:7: msgid 'Search': msgstr adds a straight double quote"),
    ("strategia", "Katso ohje.", "Se `guiden <javascript:alert(1)>`_.",
     r"strategia\.po:7: msgid 'Katso ohje\.': msgstr adds a javascript: address"),
    ("strategia", "Katso :doc:`perustehtava`.", "Se :emphasis:`perustehtava`.",
     r"strategia\.po:7: msgid .*: msgstr drops role :doc:`perustehtava`"),
    ("strategia", "Teksti.", "Text\\u0007 med klocka.",
     r"strategia\.po:7: msgid 'Teksti\.': msgstr contains control character\(s\) U\+0007"),
])
def test_check_refuses_what_a_translation_may_not_bring(tmp_path, domain, msgid, msgstr,
                                                        message):
    import re

    msgstr = msgstr.replace("\\u0007", "\a")
    path = catalog(tmp_path, domain, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    problems = check_file(path, "sv")
    assert any(re.search(message, problem) for problem in problems), problems


def test_a_msgstr_sphinx_would_not_apply_is_reported(tmp_path):
    """Sphinx applies a translated paragraph only when it parses as one paragraph, and
    otherwise shows the Finnish text: the status said translated, the build showed fi."""
    path = catalog(tmp_path, "strategia", 'msgid "Vuonna 2033 kaupunki kasvaa."\n'
                                          'msgstr "1. januari 2033 växer staden."\n\n'
                                          'msgid "Kaupunki kasvaa."\n'
                                          'msgstr "Staden växer.\\n\\nDet är bra."\n')
    assert [problem.split(": msgstr ")[1].split(":")[0] for problem in check_file(path, "sv")] \
        == ["is read as enumerated_list, not as one paragraph",
            "is read as paragraph + paragraph, not as one paragraph"]


def test_a_changed_role_is_reported_once_per_problem(tmp_path):
    path = catalog(tmp_path, "strategia", 'msgid "Katso :doc:`perustehtava`."\n'
                                          'msgstr "Se :ref:`perustehtava`."\n')
    assert [problem.split(": msgstr ")[1] for problem in check_file(path, "sv")] == [
        "drops role :doc:`perustehtava`", "adds role :ref:`perustehtava`",
        'breaks the markup (error: Unknown interpreted text role "ref".)']


def test_the_check_reads_no_file_a_msgstr_names(tmp_path):
    secret = tmp_path / "secret.rst"
    secret.write_text("Salaisuus.\n", encoding="utf-8")
    path = catalog(tmp_path, "strategia", f'msgid "Teksti."\nmsgstr ".. include:: {secret}"\n')
    problems = check_file(path, "sv")
    assert any('adds a ".. include::" directive, which a translation may not' in problem
               for problem in problems), problems
    assert not any("Salaisuus" in problem for problem in problems), problems


def test_check_accepts_the_msgids_own_markup_and_plain_text(tmp_path):
    path = catalog(tmp_path, "sphinx", 'msgid "Copyright &#169; <a href=\\"%(path)s\\">x</a>"\n'
                                       'msgstr "Upphovsrätt &#169; <a href=\\"%(path)s\\">x</a>"\n'
                                       '\nmsgid "Save the file"\nmsgstr "Spara filen: data"\n')
    assert check_file(path, "sv") == []


def test_a_duplicate_msgid_names_both_lines(tmp_path):
    path = catalog(tmp_path, "strategia", 'msgid "Hei"\nmsgstr "Hej"\n\n'
                                          'msgctxt "toinen"\nmsgid "Hei"\nmsgstr "Hallå"\n\n'
                                          'msgid "Hei"\nmsgstr "Tjena"\n')
    with pytest.raises(TranslationError, match=r"strategia\.po:14: msgid 'Hei' is also at "
                                               r"line 7; .*merge the two translations"):
        read_catalog(path)
    assert any(":14: msgid 'Hei' is also at line 7" in p for p in check_file(path, "sv"))


@pytest.mark.parametrize("entries, message", [
    # A deleted msgstr line: GNU msgfmt and Poedit refuse the file; it used to read as
    # untranslated, or, before a msgctxt, gave the next entry's context to this one.
    ('msgid "Hei"\n\nmsgid "Moi"\nmsgstr "Hej"\n', r"strategia\.po:7: this msgid has no msgstr"),
    ('msgid "Hei"\n\nmsgctxt "x"\nmsgid "Moi"\nmsgstr "Hej"\n',
     r"strategia\.po:7: this msgid has no msgstr"),
    ('msgid "Hej"\nmsgstr "Hej"\n\nmsgid "Moi"\n', r"strategia\.po:10: this msgid has no msgstr"),
    ('msgid "Hei"\nmsgstr "Hej"\nmsgstr "Tjena"\n',
     r"strategia\.po:9: a second msgstr for the msgid at line 7"),
    ('#: source/strategia.rst\nmsgstr "Hej"\n\nmsgid "Hei"\nmsgstr "Hej"\n',
     r"strategia\.po:8: an entry without msgid"),
])
def test_an_entry_without_its_msgstr_or_msgid_names_its_line(tmp_path, entries, message):
    path = catalog(tmp_path, "strategia", entries)
    with pytest.raises(TranslationError, match=message):
        read_catalog(path)


def test_a_file_saved_as_latin_1_names_the_line_of_its_first_such_byte(tmp_path):
    path = catalog(tmp_path, "strategia", 'msgid "Hei"\nmsgstr "Hej"\n\nmsgid "Kiitos"\n'
                                          'msgstr "Tack så mycket"\n')
    path.write_bytes(path.read_text(encoding="utf-8").replace("UTF-8", "ISO-8859-1")
                     .encode("latin-1"))
    with pytest.raises(TranslationError, match=r"strategia\.po:11: byte 0xe5 is not UTF-8; "
                                               r"save the file as UTF-8"):
        read_catalog(path)


def test_the_charset_placeholder_of_a_template_is_named_at_its_line(tmp_path):
    path = catalog(tmp_path, "strategia", 'msgid "Hei"\nmsgstr "Hej"\n')
    path.write_text(path.read_text(encoding="utf-8").replace("UTF-8", "CHARSET"),
                    encoding="utf-8")
    assert check_file(path, "sv") == [
        f"{path}:4: header Content-Type is 'text/plain; charset=CHARSET'; save the file as "
        "UTF-8 with 'text/plain; charset=UTF-8'"]


@pytest.mark.parametrize("data, message", [
    (b"\xef\xbb\xbf" + HEADER.encode(), r"strategia\.po:1: the file starts with a byte order "
                                         r"mark \(BOM\)"),
    (HEADER.encode() + b'msgid "Hei"\nmsgstr "H\\ej"\n',
     r"strategia\.po:8: '\\\\e' is not an escape gettext knows"),
])
def test_what_msgfmt_refuses_is_refused_with_its_line(tmp_path, data, message):
    """GNU msgfmt refuses both; the reader took a BOM for a stray line (with the advice
    to quote it) and read an unknown escape as its letter."""
    path = catalog(tmp_path, "strategia", "")
    path.write_bytes(data)
    with pytest.raises(TranslationError, match=message):
        read_catalog(path)


def test_octal_and_hex_escapes_are_read_as_gnu_gettext_reads_them(tmp_path):
    """They were read as their letters and digits: 'H\\x65j' became 'Hx65j'."""
    path = catalog(tmp_path, "strategia", 'msgid "Hei"\nmsgstr "H\\x65j \\101 p\\303\\245"\n')
    assert read_catalog(path)["Hei"].string == "Hej A på"


def test_a_broken_plural_forms_header_names_its_line(tmp_path):
    path = catalog(tmp_path, "strategia", 'msgid "Hei"\nmsgstr "Hej"\n')
    path.write_text(path.read_text(encoding="utf-8").replace("(n != 1);", "(n != 1;"),
                    encoding="utf-8")
    assert any(":5: header Plural-Forms" in problem and "not valid" in problem
               for problem in check_file(path, "sv"))


# --- templates: Sphinx renders them without autoescape ---------------------------------

def render(folder: Path, name: str, **context) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=False)
    return environment.get_template(name).render(**context)


def test_sidebar_templates_escape_labels_names_and_titles():
    hostile = "<img src=x onerror=alert(1)>"
    context = {"handbook_i18n": {
        "labels": {"language": hostile, "pdfs": hostile, "download": hostile},
        "languages": [{"code": "sv", "name": hostile, "current": False, "url": "x\"y"}],
        "pdfs": [{"title": hostile, "url": "a.pdf"}]},
        # handbook.po's labels for the index and the accessibility statement
        "handbook_pages": {"label": hostile, "links": [{"title": hostile, "url": "x\"y"}]}}
    for name in ("languages.html", "pdfs.html", "pages.html"):
        html = render(SOURCE_DIR / "_templates" / "sidebar", name, **context)
        assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html, html


def test_print_cover_escapes_configuration_and_labels():
    handbook = {"title": "Ohje", "author": "Kaupunki <luonnos> & harjoittelijat",
                "edition_title": "<style>body{display:none}</style>", "audience": "a\"b",
                "edition": "employees", "labels": {"contents": "<b>x</b>"}, "toc": [],
                "date": "2026-01-01T00:00:00Z"}
    html = render(PRINT_THEME_DIR, "page.html", handbook=handbook, language="fi", body="",
                  pathto=lambda *a: "_static/print.css")
    assert "<style>body" not in html and "<b>x</b>" not in html
    assert "Kaupunki &lt;luonnos&gt; &amp; harjoittelijat" in html
    assert "&lt;style&gt;body{display:none}&lt;/style&gt;" in html


# --- configuration ----------------------------------------------------------------------

GOOD = CONFIG_PATH.read_text(encoding="utf-8")


def line_of(text: str) -> int:
    """The line of handbook.toml that holds `text`."""
    return GOOD[:GOOD.index(text)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    ('slug = "viestintaohje"', 'slug = "../../x"', r"handbook\.toml:\d+: slug '\.\./\.\./x'"),
    ("bleed_mm = 3", "bleed_mm = nan", r"handbook\.toml:\d+: bleed_mm of variant 'print' "
                                       r"must be from 0 to 20 \(millimetres\), not nan"),
    ("bleed_mm = 3", "bleed_mm = 100000", r"must be from 0 to 20 \(millimetres\), not 100000"),
    ('tag = "employees"', 'tag = "employees or 1"', r"handbook\.toml:\d+: tag 'employees or 1'"),
    # `$` let a name end in a newline: a PDF file name or a site folder with one in it.
    ('slug = "viestintaohje"', 'slug = "viestintaohje\\n"', r"handbook\.toml:\d+: slug "),
    ('tag = "employees"', 'tag = "employees\\n"', r"handbook\.toml:\d+: tag 'employees\\n'"),
    ("[languages.sv]", '[languages."sv\\n"]', r"handbook\.toml:\d+: name 'sv\\n' in "
                                               r"\[languages\] must be lower case"),
])
def test_configuration_values_are_bounded(tmp_path, old, new, message):
    path = tmp_path / "handbook.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_an_edition_tag_no_only_block_uses_is_an_error(tmp_path):
    from build_tools.sphinxext.source_checks import unused_edition_tags

    path = tmp_path / "handbook.toml"
    path.write_text(GOOD.replace('tag = "employees"', 'tag = "employes"'), encoding="utf-8")
    problems = unused_edition_tags(load_config(path))
    assert len(problems) == 1
    line = line_of('tag = "employees"')
    assert f"handbook.toml:{line}: tag 'employes' of edition " \
           "'employees' is used by no `.. only::`" in problems[0], problems
    assert unused_edition_tags(load_config()) == []


# --- chapters and static files ----------------------------------------------------------

def test_chapter_text_must_be_utf8_and_not_nested_too_deeply(tmp_path):
    from build_tools.sphinxext.source_checks import text_problems

    latin = tmp_path / "latin.rst"
    latin.write_bytes("Otsikko\n=======\n\nHyvää päivää\n".encode("latin-1"))
    assert text_problems(latin) == [f"{latin}:4: not UTF-8 (byte 0xe4); save the file as "
                                    "UTF-8 (in most editors: Save with Encoding, UTF-8)"]
    nested = tmp_path / "nested.rst"
    nested.write_text("".join("  " * level + "* kohta\n\n" for level in range(200)),
                      encoding="utf-8")
    assert text_problems(nested)[0].startswith(f"{nested}:83: indented 82 columns")


def test_symbolic_links_in_the_inputs_are_refused(tmp_path):
    from build_tools.sphinxext.source_checks import symbolic_links

    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "passwd").symlink_to("/etc/passwd")
    (tmp_path / "_static" / "etc").symlink_to("/etc", target_is_directory=True)
    problems = symbolic_links(tmp_path)
    assert [p.split(":")[0] for p in problems] == [f"{tmp_path}/_static/etc",
                                                   f"{tmp_path}/_static/passwd"]
    assert "is a symbolic link (to /etc/passwd)" in problems[1]


@pytest.mark.parametrize("svg, message", [
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
     r":2: <script> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', r":1: event handler onload"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
     '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     r":2: xlink:href='javascript:alert\(1\)' points out of the file"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="3"></svg>',
     r":2: not a well-formed SVG: mismatched tag \(column \d+\)"),
])
def test_active_or_broken_svg_is_refused_with_its_line(tmp_path, svg, message):
    import re

    from build_tools.site.asset_checks import svg_problems

    path = tmp_path / "kuva.svg"
    path.write_text(svg, encoding="utf-8")
    problems = svg_problems(path)
    assert any(re.search(re.escape(str(path)) + message, p) for p in problems), problems


def test_the_projects_own_svgs_and_stylesheets_pass():
    from build_tools.site.asset_checks import stylesheet_problems, svg_problems

    assert [p for svg in SOURCE_DIR.rglob("*.svg") for p in svg_problems(svg)] == []
    assert [p for css in [*SOURCE_DIR.rglob("*.css"), *PRINT_THEME_DIR.rglob("*.css")]
            for p in stylesheet_problems(css)] == []


def test_a_remote_import_in_a_stylesheet_is_refused(tmp_path):
    from build_tools.site.asset_checks import stylesheet_problems

    path = tmp_path / "site.css"
    path.write_text("/* @import url(https://ok.example/in-a-comment.css); */\n"
                    "body { color: black }\n@import url('https://fonts.example/x.css');\n"
                    "p { background: url(data:image/png;base64,AAAA) }\n", encoding="utf-8")
    assert stylesheet_problems(path) == [
        f"{path}:3: 'https://fonts.example/x.css' loads a file from outside the site; copy "
        "it into source/_static/ and refer to it there"]


def test_a_file_a_stylesheet_names_must_be_in_static(tmp_path):
    """Resolved from the stylesheet's place in _static/, found in any folder copied there."""
    from build_tools.site.asset_checks import missing_files

    theme, site = tmp_path / "theme", tmp_path / "site"
    (theme / "color").mkdir(parents=True)
    (site / "fonts").mkdir(parents=True)
    (site / "fonts/A.ttf").write_bytes(b"font")
    (theme / "color/p.icc").write_bytes(b"icc")
    path = theme / "print.css"
    path.write_text("@font-face { src: url(fonts/A.ttf) }\n"
                    "@font-face { src: url('fonts/B%20x.ttf?v=2#iefix') }\n"
                    "@color-profile --p { src: url(color/p.icc) }\n"
                    "p { background: url(../../etc/x.png) } /* url(fonts/C.ttf) */\n"
                    "q { background: url(/etc/hostname); filter: url(#f) }\n"
                    "@import 'color/other.css';\n"
                    "r { background: url(data:image/png;base64,AAAA) url(https://x.example/y) }\n",
                    encoding="utf-8")
    assert missing_files(path, [theme, site]) == [
        f"{path}:2: url(fonts/B%20x.ttf?v=2#iefix): _static/fonts/B x.ttf does not exist "
        "(files in _static/ are copied from source/_static/ and the print theme's static/): "
        "add the file (source/_static/fonts/B x.ttf) or fix the reference",
        f"{path}:4: url(../../etc/x.png) points outside _static/; put the file in "
        "source/_static/ and name it relative to the stylesheet",
        f"{path}:5: url(/etc/hostname) points outside _static/; put the file in "
        "source/_static/ and name it relative to the stylesheet",
        f"{path}:6: url(color/other.css): _static/color/other.css does not exist (files in "
        "_static/ are copied from source/_static/ and the print theme's static/): add the file "
        "(source/_static/color/other.css) or fix the reference"]
    # A stylesheet in a subfolder names files relative to itself.
    nested = theme / "color/nested.css"
    nested.write_text("a { background: url(p.icc) url(../fonts/A.ttf) url(A.ttf) }",
                      encoding="utf-8")
    assert [p.split(": ")[1] for p in missing_files(nested, [theme, site])] == ["url(A.ttf)"]


def test_the_projects_own_stylesheets_name_only_files_they_have():
    from build_tools.site.asset_checks import missing_files

    static = [PRINT_THEME_DIR / "static", SOURCE_DIR / "_static"]
    assert [p for css in (PRINT_THEME_DIR / "static").rglob("*.css")
            for p in missing_files(css, static)] == []
    assert [p for css in static[1].rglob("*.css") for p in missing_files(css, static[1:])] == []


# --- fonts --------------------------------------------------------------------------------

def test_a_character_the_fonts_lack_names_file_line_and_character():
    from build_tools.pdf.fonts import missing_glyphs

    problems = missing_glyphs([("source/x.rst:3", "Valmis ✓ ja 日本"), ("a.po:9", "ääkköset")])
    assert problems[0].startswith("source/x.rst:3: character '✓' (U+2713 CHECK MARK) is not "
                                  "in the handbook's fonts (source/_static/fonts/)")
    assert [p.split(" (U+")[0] for p in problems] == [
        "source/x.rst:3: character '✓'", "source/x.rst:3: character '日'",
        "source/x.rst:3: character '本'"]


_RENDER = """
import sys
from weasyprint import HTML
fonts = sys.argv[1]
HTML(string=f'''<html><head><style>@font-face {{ font-family: H; src: url({fonts}/OpenSans-Regular.ttf); }}
body {{ font-family: H }}</style></head><body><p>Valmis ✓ 日本語</p></body></html>''',
     base_url="/").write_pdf(sys.argv[2])
"""


@pytest.mark.slow
def test_weasyprint_sees_only_the_shipped_fonts(tmp_path):
    """Rendered with the private fontconfig, a PDF embeds no font of this machine."""
    import pikepdf

    from build_tools.pdf.fonts import FONTS_DIR, private_fontconfig

    def fonts_of(pdf: Path, environment: dict) -> set[str]:
        subprocess.run([sys.executable, "-c", _RENDER, str(FONTS_DIR), str(pdf)], check=True,
                       env={**os.environ, **environment}, capture_output=True)
        with pikepdf.open(pdf) as document:
            return {str(font.BaseFont).split("+")[-1] for page in document.pages
                    for font in page.Resources.Font.values()}

    machine = fonts_of(tmp_path / "machine.pdf", {})
    private = fonts_of(tmp_path / "private.pdf", {
        "FONTCONFIG_FILE": str(private_fontconfig(tmp_path / "fontconfig"))})
    assert machine - {"H"}, f"this machine has no fallback font to catch: {machine}"
    assert private == {"H"}, private


# --- provenance and the command line -----------------------------------------------------

@pytest.mark.slow
def test_a_project_inside_another_repository_does_not_take_its_commit(tmp_path):
    outer = tmp_path / "outer"
    project = outer / "handbook"
    shutil.copytree(PROJECT_ROOT / "build_tools", project / "build_tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(CONFIG_PATH, project / "handbook.toml")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(outer)], check=True)
    subprocess.run([*git, "-C", str(outer), "commit", "-q", "--allow-empty", "-m", "x"],
                   check=True, env={**os.environ, "GIT_COMMITTER_DATE": "@1000000000 +0000"})
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-c", "from build_tools.provenance import *; "
                               "print(source_commit(), source_date_epoch())"],
        cwd=project, env={**environment, "PYTHONPATH": str(project)}, capture_output=True,
        text=True, check=True)
    assert result.stdout.split() == ["unknown", "0"]
    assert "is inside the git repository" in result.stderr


@pytest.mark.parametrize("value", ["abc", "-5", "1e9", "99999999999999"])
def test_a_bad_source_date_epoch_is_one_clear_error(monkeypatch, value):
    from build_tools.provenance import source_date_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ConfigError, match=rf"SOURCE_DATE_EPOCH='{value}' is not a date"):
        source_date_epoch()


@pytest.mark.parametrize("value", ["-1", "abc", "2.5"])
def test_jobs_must_be_a_whole_number(value):
    from build_tools.commands.build import worker_count

    with pytest.raises(ConfigError, match=rf"--jobs {value}: give a whole number"):
        worker_count(value)
    assert worker_count("0") is None and worker_count("3") == 3


def test_the_build_folder_must_be_outside_the_sources_writable_and_have_room(tmp_path,
                                                                              monkeypatch):
    from build_tools.engine import preflight

    with pytest.raises(ConfigError, match=r"build folder .*/source/build is inside source/"):
        preflight.check_build_folder(BuildPaths(SOURCE_DIR / "build"))
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(BuildError, match=r"cannot write to the build folder \(Not a directory\)"):
        preflight.check_build_folder(BuildPaths(blocker / "build"))
    monkeypatch.setattr(preflight.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(
        10**9, 10**9 - 10**6, 10**6))
    with pytest.raises(BuildError, match=r"only 0 MB free on its disk"):
        preflight.check_build_folder(BuildPaths(tmp_path / "build"))


def test_a_very_long_word_is_not_hyphenated():
    from build_tools.pdf.hyphenation import dictionary_text

    word = ("kiertotalous" * 500)[:6000]
    started = time.perf_counter()
    text = dictionary_text(["kiertotalous", word], "fi")
    assert time.perf_counter() - started < 5
    assert "kiertotalous" in text.replace("1", "") and word not in text.replace("1", "")


def test_outputs_no_longer_declared_are_removed(tmp_path):
    from build_tools.engine.undeclared import remove_undeclared

    config = load_config()
    paths = BuildPaths(tmp_path)
    kept = [paths.site("fi") / "index.html", paths.pdf / config.pdf_name(
        config.editions["employees"], config.languages["fi"], "screen"), paths.html / "index.html"]
    gone = [paths.site("de") / "index.html", paths.pdf / "viestintaohje-employees-fi-poster.pdf",
            paths.print_html("employees", "de") / "index.html"]
    # What a person keeps in a folder named with --build-dir is not ours to delete.
    theirs = [paths.pdf / "palkkalaskelma.pdf", paths.html / "kuvat" / "index.html",
              paths.root / "print-html" / "muistiinpanot" / "index.html"]
    for path in kept + gone + theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    for folder in (paths.site("fi"), paths.site("de"), gone[2].parent):
        (folder / "objects.inv").write_text("x", encoding="utf-8")  # written by Sphinx
    removed = remove_undeclared(config, paths)
    assert sorted(removed) == sorted([paths.site("de"), gone[1], gone[2].parent])
    assert all(path.exists() for path in kept + theirs) and not any(p.exists() for p in gone)
