"""Bad input fails clearly and keeps the previous outputs; the sandbox holds."""

from __future__ import annotations

import http.server
import re
import threading

import pytest
from pypdf import PdfReader

from tests.pdf_inspect import page_texts
from tests.project_copy import (
    SELECTION,
    append,
    fails_keeping_outputs,
    first_msgstr,
    invoke,
    outputs,
    replace,
)

STRATEGIA = "source/strategia.rst"
CHAPTER_ERRORS = {
    "unknown directive": (STRATEGIA, "\n.. kaavio:: luvut\n",
                          r'source/strategia\.rst:\d+: ERROR: Unknown directive type "kaavio"'),
    "broken table": (STRATEGIA, "\n+-----+-----+\n| a   | b   |\n+-----+\n",
                     r"source/strategia\.rst:\d+: ERROR: Malformed table"),
    "bad indentation": (STRATEGIA, "\n* kohta\n  jatkuu\n väärin\n",
                        r"source/strategia\.rst:\d+: WARNING: Bullet list ends without a blank "
                        r"line; unexpected unindent"),
    "missing image": (STRATEGIA, "\n.. image:: _static/puuttuu.png\n   :alt: Puuttuva kuva\n",
                      r"source/strategia\.rst:\d+: WARNING: image file not readable: "
                      r"_static/puuttuu\.png"),
    "missing chapter in toctree": ("source/index.rst", "   puuttuva\n",
                                   r"source/index\.rst:\d+: WARNING: toctree contains reference "
                                   r"to nonexisting document 'puuttuva'"),
    "raw HTML": (STRATEGIA, "\n.. raw:: html\n\n   <script>alert(1)</script>\n",
                 r'source/strategia\.rst:\d+: ERROR: the "raw" directive is not allowed in '
                 r"the handbook's sources: .*handbook_allowed_directives"),
    "file inclusion": (STRATEGIA, "\n.. include:: /etc/hostname\n",
                       r'source/strategia\.rst:\d+: ERROR: the "include" directive is not '
                       r"allowed"),
    "literal inclusion": (STRATEGIA, "\n.. literalinclude:: ../handbook.toml\n",
                          r'source/strategia\.rst:\d+: ERROR: the "literalinclude" directive'),
    "raw role": (STRATEGIA, "\n.. role:: html(raw)\n   :format: html\n\n:html:`<b>x</b>`\n",
                 r'source/strategia\.rst:\d+: (ERROR|WARNING): .*raw'),
    "remote image": (STRATEGIA, "\n.. image:: https://example.org/logo.png\n   :alt: Logo\n",
                     r"source/strategia\.rst:\d+: ERROR: image https://example\.org/logo\.png "
                     r"is not in the project.*source/_static/"),
}


@pytest.mark.parametrize("case", CHAPTER_ERRORS)
def test_chapter_error_names_file_and_line(project, case):
    path, text, message = CHAPTER_ERRORS[case]
    append(project / path, text)
    fails_keeping_outputs(project, message)


def test_po_syntax_error_names_the_catalog(project):
    catalog = project / "locale/sv/LC_MESSAGES/strategia.po"
    replace(catalog, first_msgstr(catalog), 'msgstr "ei lopetusta')
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/strategia\.po:\d+: "
                                   r"not a valid \.po line")


def test_po_bad_charset_names_the_catalog(project):
    catalog = project / "locale/sv/LC_MESSAGES/strategia.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(re.sub("charset=utf-8", "charset=latin-9-tuntematon", text, flags=re.I),
                       encoding="utf-8")
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/strategia\.po(:\d+)?: .*"
                                   r"latin-9-tuntematon")


def test_msgstr_breaking_markup_points_to_the_translation(project):
    catalog = project / "locale/sv/LC_MESSAGES/strategia.po"
    msgstr = first_msgstr(catalog)
    replace(catalog, msgstr, msgstr[:-1] + ' **trasig"')
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/strategia\.po:\d+: msgid .*: "
                                   r"msgstr breaks the markup \(warning: Inline strong "
                                   r"start-string without end-string")


def test_msgstr_dropping_a_reference_fails(project):
    catalog = project / "locale/sv/LC_MESSAGES/alkusanat.po"
    text = catalog.read_text(encoding="utf-8")
    entry = re.search(r'^msgstr ""\n(?:".*"\n)*?".*:doc:`[^`]+`.*"\n(?:".*"\n)*', text, re.M)
    assert entry, "alkusanat.po has no translated :doc: reference"
    catalog.write_text(text.replace(entry[0], 'msgstr "Läs guiden från början."\n'),
                       encoding="utf-8")
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/alkusanat\.po:\d+: msgid .*: "
                                   r"msgstr drops role")


def test_missing_font_file_fails_the_pdf(project):
    """The preflight finds the file both stylesheets name before any output is touched, so
    the site of the same broken sources is not published either."""
    (project / "source/_static/fonts/OpenSans-Bold.ttf").unlink()
    seen = fails_keeping_outputs(project, r"build_tools/pdf/print_theme/static/print\.css:\d+: "
                                          r"url\(fonts/OpenSans-Bold\.ttf\): _static/fonts/"
                                          r"OpenSans-Bold\.ttf does not exist \(files in _static/ "
                                          r"are copied from source/_static/.*\): add the file")
    assert re.search(r"source/_static/handbook-fonts\.css:\d+: url\(fonts/OpenSans-Bold\.ttf\)",
                     seen), seen


@pytest.mark.parametrize("broken, message", [
    ('\n[languages.se]\nname = "saame"\nkoodi = "se"\n',
     r"handbook\.toml:\d+: unknown key 'koodi' in \[languages\.se\]; allowed keys: name"),
    ('\n[variants.paper]\nlabel = 3\npdf_variant = "pdf/a-3b"\n',
     r"handbook\.toml:\d+: 'label' in \[variants\.paper\] must be a str, not int"),
])
def test_bad_configuration_names_file_line_and_keeps_outputs(project, broken, message):
    append(project / "handbook.toml", broken)
    fails_keeping_outputs(project, message)


def test_unknown_language_lists_the_valid_ones(project):
    fails_keeping_outputs(project, r"unknown language 'xx'; valid languages: fi, sv",
                          "--lang", "xx")


def test_keep_going_builds_the_others_and_names_the_failure(project):
    """One document fails in WeasyPrint; with --keep-going the others are still built.
    (A missing file would stop the preflight; a remote one is refused by the fetcher.)"""
    append(project / "build_tools/pdf/print_theme/static/print.css",
           "\n.edition-trustees { background: url(https://example.org/puuttuu.png); }\n")
    before = outputs(project)
    result = invoke(project, "build", "--lang", "fi", "--keep-going")
    assert result.returncode == 1, result.stderr
    # The cause once per render job (one per page geometry: screen; print and booklet),
    # first, then the outputs it failed.
    for layout, failed in (("screen", "pdf/trustees-fi-screen"),
                           ("print, booklet", "pdf/trustees-fi-print, pdf/trustees-fi-booklet")):
        assert re.search(rf"^  rendering build/print-html/trustees-fi/index\.html as {layout}: "
                         r"refused to fetch https://example\.org/puuttuu\.png.*\n"
                         rf"    failed: {failed}$", result.stdout, re.M), result.stdout
    assert re.search(r"viestintaohje-trustees-fi-screen\.pdf\s+failed", result.stdout)
    # The other edition was built despite the failure; the failed one kept its old file.
    assert re.search(r"viestintaohje-employees-fi-screen\.pdf\s+built", result.stdout)
    assert not (project / "build/pdf/viestintaohje-trustees-fi-screen.pdf").exists()
    assert outputs(project)["html/fi/index.html"] == before["html/fi/index.html"]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *arguments):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_chapter_pointing_at_a_local_server_fails_without_a_request(project, server):
    append(project / STRATEGIA, f"\n.. image:: {server}/kuva.png\n   :alt: Kuva\n")
    fails_keeping_outputs(project, rf"image {re.escape(server)}/kuva\.png is not in the project")
    assert _Recorder.requests == []


def test_stylesheet_pointing_at_a_local_server_is_refused(project, server):
    """The print theme is the other way in: WeasyPrint's fetcher refuses the URL itself."""
    append(project / "build_tools/pdf/print_theme/static/print.css",
           f"\nbody {{ background: url({server}/tausta.png); }}\n")
    fails_keeping_outputs(project, rf"rendering build/print-html/employees-fi/index\.html as "
                                   rf"screen: refused to fetch {re.escape(server)}/tausta\.png")
    assert _Recorder.requests == []


def test_file_url_outside_the_project_is_refused(project):
    append(project / "build_tools/pdf/print_theme/static/print.css",
           "\nbody { background: url(file:///etc/hostname); }\n")
    fails_keeping_outputs(project, r"refused to fetch file:///etc/hostname: a handbook may only "
                                   r"use files inside the project")


def test_translator_script_comes_out_as_text(project):
    """A msgstr with a script tag is text in the site and in the PDF."""
    catalog = project / "locale/sv/LC_MESSAGES/strategia.po"
    msgstr = first_msgstr(catalog)
    replace(catalog, msgstr, 'msgstr "<script>alert(1)</script> Strategin namn"')
    result = invoke(project, "build", *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    site = (project / "build/html/sv/strategia.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in site
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Strategin namn" in site
    pdf_text = " ".join(page_texts(PdfReader(
        project / "build/pdf/viestintaohje-employees-sv-screen.pdf")))
    assert "<script>alert(1)</script> Strategin namn" in pdf_text


def test_translator_directive_is_refused(project):
    """Sphinx parses a msgstr as reStructuredText: a raw directive there is refused
    before Sphinx runs, at the .po line, and nothing built is lost."""
    catalog = project / "locale/sv/LC_MESSAGES/strategia.po"
    replace(catalog, first_msgstr(catalog),
            'msgstr ".. raw:: html\\n\\n   <script>alert(1)</script>"')
    fails_keeping_outputs(project, r'locale/sv/LC_MESSAGES/strategia\.po:\d+: .*adds a "\.\. raw::" '
                                   r"directive, which a translation may not")
