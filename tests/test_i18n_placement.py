"""Each message says where it appears (`#.`), from the `only` blocks around it."""

from __future__ import annotations

from build_tools.config import load_config
from build_tools.i18n.catalogs import LOCALE_DIR, read_catalog
from tests.test_i18n_catalogs import extract_and_update, project  # noqa: F401 (a fixture)

SOURCE = """Otsikko
=======

Kaikille yhteinen kappale.

.. only:: employees

   Vain työntekijöiden oppaassa.

.. only:: trustees

   Vain luottamushenkilöiden oppaassa.

.. only:: not (employees or trustees)

   Vain verkkosivustolla.

.. only:: not employees

   Sivustolla ja luottamushenkilöiden oppaassa.
"""
EXPECTED = {
    "Otsikko": "Appears everywhere: on the web site, in the employees PDF and in the trustees PDF.",
    "Kaikille yhteinen kappale.": "Appears everywhere: on the web site, in the employees PDF and in the trustees PDF.",
    "Vain työntekijöiden oppaassa.": "Appears only in the employees PDF.",
    "Vain luottamushenkilöiden oppaassa.": "Appears only in the trustees PDF.",
    "Vain verkkosivustolla.": "Appears only on the web site.",
    "Sivustolla ja luottamushenkilöiden oppaassa.": "Appears on the web site and in the trustees PDF, not in the employees PDF.",
}


def test_each_message_says_where_it_appears(project):  # noqa: F811
    source, paths = project
    (source / "index.rst").write_text(SOURCE, encoding="utf-8")
    po = extract_and_update(source, paths, load_config())
    for catalog in (read_catalog(paths.pot_dir / "index.pot"), read_catalog(po)):
        assert {m.id: m.auto_comments for m in catalog if m.id} == {
            msgid: [where] for msgid, where in EXPECTED.items()}


def test_the_projects_catalogs_say_where_each_chapter_message_appears():
    catalog = read_catalog(LOCALE_DIR / "sv" / "LC_MESSAGES" / "alkusanat.po")
    comments = [m.auto_comments for m in catalog if m.id]
    assert all(len(found) == 1 and found[0].startswith("Appears ") for found in comments)
    assert ["Appears only in the trustees PDF."] in comments
