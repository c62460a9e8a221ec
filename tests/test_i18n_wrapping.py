"""Catalogs are written exactly as GNU msgcat (and so Poedit) writes them: a save changes nothing."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest
from babel.messages.catalog import Catalog

from build_tools.i18n.catalogs import LOCALE_DIR, read_catalog, render_catalog
from build_tools.i18n.po_writer import wrap_field

# Letters, digits and the punctuation of Finnish, Swedish and English text and of markup.
ALPHABET = " abcäö:`*-–—.,;()[]{}!?\"'/\\%$+|_<>=@#&~”“’‘…«»€°0123456789\u00a0"


def msgcat(text: bytes, tmp_path) -> bytes:
    if not shutil.which("msgcat"):
        pytest.skip("GNU gettext (msgcat) is not installed")
    path = tmp_path / "input.po"
    path.write_bytes(text)
    return subprocess.run(["msgcat", "--force-po", str(path)], capture_output=True,
                          check=True).stdout


def test_every_catalog_of_the_project_is_as_msgcat_writes_it(tmp_path):
    paths = sorted(LOCALE_DIR.rglob("*.po")) + sorted(LOCALE_DIR.rglob("*.pot"))
    assert paths
    for path in paths:
        ours = render_catalog(read_catalog(path))
        assert msgcat(ours, tmp_path) == ours, path
        assert path.read_bytes() == ours, f"{path} is not in canonical form"


def test_wrapping_matches_msgcat_on_random_text(tmp_path):
    generator = random.Random(13)
    catalog = Catalog(locale="sv", fuzzy=False)
    for number in range(2000):
        text = "".join(generator.choice(ALPHABET) if generator.random() < 0.35 else "x"
                       for _ in range(generator.randint(40, 220)))
        message = catalog.add(f"{number} {text}", text[::-1])
        message.flags.clear()  # no format flags: those are covered by the project's catalogs
    ours = render_catalog(catalog)
    theirs = msgcat(ours, tmp_path)
    mismatched = [entry for entry, gnu in zip(ours.decode().split("\n\n"),
                                              theirs.decode().split("\n\n"), strict=True)
                  if entry != gnu]
    assert mismatched == []


def test_wrapping_rules():
    # A short string stays on the keyword's line; a long one starts with "".
    assert wrap_field("msgid", "Lyhyt") == ['msgid "Lyhyt"']
    lines = wrap_field("msgid", "sana " * 30)
    assert lines[0] == 'msgid ""' and all(len(line) <= 79 for line in lines)
    # Breaks come after spaces; never inside an escape sequence.
    assert wrap_field("msgstr", "a\nb") == ['msgstr ""', '"a\\n"', '"b"']
    assert wrap_field("msgid", "x" * 100) == ['msgid "' + "x" * 100 + '"']  # nowhere to break
    # A previous msgid keeps its prefix on every line (what babel 2.x got wrong).
    previous = wrap_field("msgid", "sana " * 30, prefix="#| ")
    assert previous[0] == '#| msgid ""' and all(line.startswith('#| "') for line in previous[1:])
