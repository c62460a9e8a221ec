"""The release's inputs (issue 15) treated as untrusted: the version, site_url and
feedback_email of handbook.toml, translated release labels, the text of what changed and
the QR code's address. Each is escaped or refused naming the file, the line and the fix."""

from __future__ import annotations

import re

import jinja2
import pytest

from build_tools.config import CONFIG_PATH, ConfigError, load_config
from build_tools.errors import ReleaseError
from build_tools.i18n.check import check_file
from build_tools.paths import PRINT_THEME_DIR
from build_tools.sphinxext.release_html import changes_html, qr_code
from tests.project_copy import SELECTION, fails_keeping_outputs, replace

GOOD = CONFIG_PATH.read_text(encoding="utf-8")
HEADER = ('msgid ""\nmsgstr ""\n"Language: sv\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
QR_LABEL = "QR-koodi: käsikirjan verkkoversio osoitteessa %(url)s"


def config_with(tmp_path, line: str):
    path = tmp_path / "handbook.toml"
    path.write_text(GOOD.replace('source_language = "fi"\n',
                                 f'source_language = "fi"\n{line}\n', 1), encoding="utf-8")
    return path


# (handbook.toml line, what the error says). Held before this suite: markup and quotes in
# version, javascript:/data: and a quote in site_url (release/formats.py's patterns).
REFUSED = {
    "markup in version": ('version = "1.0\\"><script>alert(1)</script>"',
                          r"version '1\.0\"><script>.*' in \[project\] must be numbers"),
    "newline after version": ('version = "1.0\\n"', r"version '1\.0\\n' in \[project\] must be"),
    "javascript: site_url": ('site_url = "javascript:alert(1)"',
                             r"site_url 'javascript:alert\(1\)' in \[project\] must be an http"),
    "data: site_url": ('site_url = "data:text/html,<script>alert(1)</script>"',
                       r"site_url 'data:text/html.*' in \[project\] must be an http"),
    "quote out of the attribute": ("site_url = \"https://a.fi/' onmouseover='alert(1)\"",
                                   r"site_url .* must be an http:// or https:// address"),
    "newline after site_url": ('site_url = "https://a.fi/\\n"',
                               r"site_url 'https://a\.fi/\\n' in \[project\] must be"),
    # Printed beside the QR code, U+202E shows another address than the one linked.
    "bidi override in site_url": ('site_url = "https://a.fi/\\u202eexe.kirjasto"',
                                  r"site_url 'https://a\.fi/\\u202eexe\.kirjasto' .* must be"),
    "control character in site_url": ('site_url = "https://a.fi/\\u0000x"',
                                      r"site_url 'https://a\.fi/\\x00x' .* must be"),
    # More than a QR code can hold stopped the PDFs with a Sphinx handler's exception.
    "site_url too long for the QR code": (f'site_url = "https://a.fi/{"x" * 3000}"',
                                          r"site_url in \[project\] is 3013 bytes long; the "
                                          r"back cover's QR code stays readable up to 200"),
    "markup in feedback_email": ('feedback_email = "\\"><script>alert(1)</script>@x.fi"',
                                 r"feedback_email '\"><script>.*' in \[project\] is not an "
                                 r"e-mail address"),
    # mailto:a@b.fi?cc=... would copy every reader's feedback to someone else.
    "mailto parameters in feedback_email": ('feedback_email = "a@b.fi?cc=evil%40x.fi"',
                                            r"feedback_email 'a@b\.fi\?cc=evil%40x\.fi' in "
                                            r"\[project\] is not an e-mail address"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_hostile_release_setting_names_file_and_line(tmp_path, case):
    line, message = REFUSED[case]
    path = config_with(tmp_path, line)
    number = path.read_text(encoding="utf-8").splitlines().index(line) + 1
    with pytest.raises(ConfigError, match=message) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:{number}: ")


def test_reasonable_release_settings_still_pass(tmp_path):
    path = config_with(tmp_path, 'site_url = "https://www.lappeenranta.fi/fi/viestintä-ohje/'
                                 '?kieli=fi&v=1.2#alku"\nfeedback_email = '
                                 '"saavutettavuus.palaute+ohje@lappeenranta.fi"\nversion = "2026.1"')
    config = load_config(path)
    assert config.site_url.endswith("#alku") and config.version == "2026.1"


def test_a_release_version_from_the_command_line_is_checked_to_its_end():
    from build_tools.engine.release import check_release

    with pytest.raises(ReleaseError, match=r"version '1\.0\\n': use numbers separated by dots"):
        check_release(load_config(), "1.0\n")


def _catalog(tmp_path, msgid: str, msgstr: str):
    path = tmp_path / "locale/sv/LC_MESSAGES/handbook.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + f'#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n',
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("msgstr, message", [
    # Held before: markup and a straight quote (the templates escape them as well).
    ("QR-kod<img src=x onerror=alert(1)>: %(url)s", r"msgstr adds markup the msgid does not"),
    ('QR-kod \\"x\\": %(url)s', r"msgstr adds a straight double quote"),
    ("QR-kod: %(adress)s", r"msgstr placeholders differ: the msgid has %\(url\)s"),
    # A '%' Python cannot fill in stopped the print HTML with a handler's exception.
    ("QR-kod: %(url)s (100 % gratis)", r"msgstr cannot be filled in as the program does "
                                       r"\(not enough arguments for format string\); write a "
                                       r"percent sign as '%%'"),
    ("QR-kod: %(url)s, 50%", r"msgstr cannot be filled in .*\(incomplete format\)"),
])
def test_a_translated_release_label_that_would_break_names_its_line(tmp_path, msgstr, message):
    path = _catalog(tmp_path, QR_LABEL, msgstr)
    problems = check_file(path, "sv")
    assert len(problems) == 1, problems
    assert re.match(rf"{re.escape(str(path))}:8: msgid 'QR-koodi: .*': {message}",
                    problems[0]), problems


def test_a_percent_sign_written_as_the_msgid_does_passes(tmp_path):
    assert check_file(_catalog(tmp_path, QR_LABEL, "QR-kod (100 %% gratis): %(url)s"), "sv") == []


def test_old_and_new_text_of_what_changed_stays_text():
    """A chapter, a translation or an old release's message (its git tag can be written by
    anyone who can push) may hold markup and live links: the page shows them as text."""
    hostile = ('<img src=x onerror=alert(1)> `ohje <javascript:alert(2)>`_ '
               ':doc:`x <data:text/html,y>` "lainaus"')
    chapters = [{"document": "d", "title": '<script>t</script>', "changes": [
        {"kind": kind, "old": hostile, "new": hostile, "in": ["site"], "msgid": hostile}
        for kind in ("added", "changed", "removed")]}]
    labels = {"added": "<b>L</b>", "changed": "M", "removed": "P", "before": "A", "after": "N"}
    html = changes_html(chapters, {"x": "<i>t</i>"}, labels, 2)
    assert not re.search(r"<(img|script|b|i)\b|javascript:|data:|href=", html), html
    assert html.count("&lt;img src=x onerror=alert(1)&gt; ohje x &quot;lainaus&quot;") == 4


def test_the_qr_code_carries_exactly_the_address_and_prints_it_escaped():
    """The QR code's runs are numbers (|float); its address and alternative text are
    escaped where the print theme shows them."""
    import zxingcpp  # the tests' QR reader (release tests read the printed code with it)
    from PIL import Image, ImageDraw

    address = "https://a.fi/o?x=1&y=<b>/html/sv/"
    code = qr_code(address)
    side, margin = 400, 40
    image = Image.new("L", (side + 2 * margin, side + 2 * margin), 255)
    draw = ImageDraw.Draw(image)
    for run in code["runs"]:
        left, top = margin + run["left"] * side / 100, margin + run["top"] * side / 100
        draw.rectangle([left, top, left + run["width"] * side / 100 - 1,
                        top + code["height"] * side / 100 - 1], fill=0)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [address]
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(PRINT_THEME_DIR)) \
        .get_template("back-cover-qr.html")
    html = template.render(handbook_release={"qr": {**code, "address": address,
                                                    "alt": f"QR: {address}"},
                                             "online_title": "Verkkoversio"})
    # The alternative text, the link (screen file) and the printed address.
    assert "<b>" not in html and html.count("y=&lt;b&gt;/html/sv/") == 3
    assert '<a href="https://a.fi/o?x=1&amp;y=&lt;b&gt;/html/sv/">' in html


def test_a_translated_release_label_that_cannot_be_filled_in_stops_before_any_output(project):
    """Before: the print HTML stopped with "Handler <function _add_context ...> threw an
    exception (exception: not enough arguments for format string)" and no file named."""
    replace(project / "handbook.toml", 'source_language = "fi"\n',
            'source_language = "fi"\nsite_url = "https://ohje.example.fi/"\n')
    catalog = project / "locale/sv/LC_MESSAGES/handbook.po"
    replace(catalog, 'osoitteessa %(url)s"\nmsgstr "QR-kod: handbokens webbversion på adressen '
                     '%(url)s"', 'osoitteessa %(url)s"\nmsgstr "QR-kod: handbokens webbversion '
                                 'på adressen %(url)s (100 % gratis)"')
    fails_keeping_outputs(project, r"locale/sv/LC_MESSAGES/handbook\.po:\d+: msgid 'QR-koodi: "
                                   r".*': msgstr cannot be filled in as the program does",
                          *SELECTION)
