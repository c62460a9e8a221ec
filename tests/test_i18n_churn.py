"""No churn: references without line numbers, Poedit's headers kept, a save-update-save cycle
leaves no diff; the committed templates are checked against the sources."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from build_tools.config import load_config, project_config
from build_tools.i18n import extract as i18n_extract
from build_tools.i18n import update as i18n_update
from build_tools.i18n.catalogs import CatalogPaths, read_catalog
from build_tools.i18n.templates import stale_templates
from tests.test_i18n_catalogs import (
    FIRST,
    LONG,
    SECOND,
    TRANSLATIONS,
    extract_and_update,
    project,  # noqa: F401 (a fixture)
    translate,
    write_source,
)

POEDIT_HEADERS = ('"X-Generator: Poedit 3.4.2\\n"\n"X-Poedit-Basepath: ../../..\\n"\n'
                  '"X-Poedit-SearchPath-0: source\\n"\n')


@pytest.fixture
def translated(project):  # noqa: F811
    source, paths = project
    config = load_config()
    write_source(source, FIRST, SECOND, LONG)
    po = extract_and_update(source, paths, config)
    translate(po, TRANSLATIONS)
    return source, paths, config, po


def test_references_name_the_file_only(translated):
    source, paths, config, po = translated
    for catalog in (read_catalog(po), read_catalog(paths.pot_dir / "index.pot")):
        assert {location for m in catalog if m.id for location in m.locations} == {
            ("source/index.rst", None)}
    before = po.read_bytes()
    index = source / "index.rst"
    write_source(source, FIRST, SECOND, LONG)
    index.write_text("\n\n" + index.read_text(encoding="utf-8"), encoding="utf-8")
    extract_and_update(source, paths, config)
    assert po.read_bytes() == before  # lines moved, nothing to review


def poedit_save(po, tmp_path) -> bytes:
    """What Poedit does on save: its own header fields, then `msgcat --force-po --width=79`."""
    if not shutil.which("msgcat"):
        pytest.skip("GNU gettext (msgcat) is not installed")
    text = po.read_text(encoding="utf-8")
    if "X-Generator" not in text:
        text = text.replace('"Content-Transfer-Encoding: 8bit\\n"\n',
                            '"Content-Transfer-Encoding: 8bit\\n"\n' + POEDIT_HEADERS, 1)
    draft = tmp_path / "poedit.po"
    draft.write_text(text, encoding="utf-8")
    subprocess.run(["msgcat", "--force-po", "--width=79", "-o", str(po), str(draft)],
                   check=True)
    return po.read_bytes()


def test_poedit_save_then_update_then_save_changes_nothing(translated, tmp_path):
    _source, paths, config, po = translated
    saved = poedit_save(po, tmp_path)
    assert b"X-Poedit-Basepath" in saved
    assert i18n_update.update_language("sv", config, paths) == []
    assert po.read_bytes() == saved  # Poedit's headers kept, nothing rewrapped
    assert poedit_save(po, tmp_path) == saved


def test_a_file_saved_with_other_wrapping_comes_back_in_gettext_layout(translated):
    if not shutil.which("msgcat"):
        pytest.skip("GNU gettext (msgcat) is not installed")
    _source, paths, config, po = translated
    canonical = po.read_bytes()
    subprocess.run(["msgcat", "--no-wrap", "-o", str(po), str(po)], check=True)
    assert po.read_bytes() != canonical
    i18n_update.update_language("sv", config, paths)
    assert po.read_bytes() == canonical


def test_the_committed_templates_match_the_sources():
    assert stale_templates(project_config()) == []


def test_a_stale_template_is_reported_with_the_command_that_fixes_it(translated):
    source, paths, config, _po = translated
    i18n_extract.extract(config, paths, source)
    assert stale_templates(config, paths, source) == []
    write_source(source, FIRST, SECOND)  # LONG removed from the source, template not updated
    [problem] = stale_templates(config, paths, source)
    assert "index.pot: out of date with the sources; run `invoke i18n.update`" in problem
    i18n_extract.extract(config, paths, source)
    assert stale_templates(config, paths, source) == []


def test_extracting_again_later_changes_no_template(tmp_path, monkeypatch):
    """The dates stay when nothing else changed (Sphinx's own sphinx.pot never wins)."""
    paths = CatalogPaths(locale_dir=tmp_path / "locale", pot_dir=tmp_path / "templates")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = {p.name: p.read_bytes() for p in i18n_extract.extract(project_config(), paths)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    again = {p.name: p.read_bytes() for p in i18n_extract.extract(project_config(), paths)}
    assert again == first and "sphinx.pot" in first


def test_msgmerge_and_update_agree_on_the_projects_catalogs(tmp_path):
    """Weblate's msgmerge add-on and `invoke i18n.update` leave each other's files alone."""
    if not shutil.which("msgmerge"):
        pytest.skip("GNU gettext (msgmerge) is not installed")
    templates = {path.stem: path for path in CatalogPaths().templates()}
    catalogs = sorted(CatalogPaths().locale_dir.glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    for po in catalogs:
        merged = tmp_path / "merged.po"
        subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(merged), str(po),
                        str(templates[po.stem])], check=True)
        assert merged.read_bytes() == po.read_bytes(), po


def test_a_new_languages_catalogs_are_as_msgmerge_writes_them(tmp_path):
    if not shutil.which("msgmerge"):
        pytest.skip("GNU gettext (msgmerge) is not installed")
    config = load_config()
    paths = CatalogPaths(locale_dir=tmp_path / "locale", pot_dir=CatalogPaths().pot_dir)
    for po in i18n_update.update_language("et", config, paths):
        merged = tmp_path / "merged.po"
        subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(merged), str(po),
                        str(paths.pot_dir / f"{po.stem}.pot")], check=True)
        assert merged.read_bytes() == po.read_bytes(), po
