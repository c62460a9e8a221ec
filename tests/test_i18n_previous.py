"""The previous source text (`#|`) survives any number of updates, in our form and in msgmerge's."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from build_tools.config import load_config
from build_tools.i18n import update as i18n_update
from build_tools.i18n.catalogs import LOCALE_DIR, read_catalog
from tests.test_i18n_catalogs import (
    LONG,
    TRANSLATIONS,
    extract_and_update,
    gnu_entries,
    project,  # noqa: F401 (a fixture)
    translate,
    write_source,
)

LONG_CHANGED = LONG.replace("Pitkä kappale", "Pitkä ja muutettu kappale")


@pytest.fixture
def changed(project):  # noqa: F811
    """A translated long paragraph whose Finnish text then changed: fuzzy, with `#|`."""
    source, paths = project
    config = load_config()
    write_source(source, LONG)
    po = extract_and_update(source, paths, config)
    translate(po, TRANSLATIONS)
    write_source(source, LONG_CHANGED)
    extract_and_update(source, paths, config)
    return source, paths, config, po


def test_previous_msgid_survives_any_number_of_updates(changed):
    source, paths, config, po = changed
    first = po.read_bytes()
    assert b'#| msgid ""\n#| "Pitk\xc3\xa4 kappale' in first  # multi-line, as msgmerge writes
    for _ in range(3):
        extract_and_update(source, paths, config)
        assert po.read_bytes() == first
    message = read_catalog(po, locale="sv")[LONG_CHANGED]
    assert message.fuzzy and message.previous_id == [LONG]
    assert not message.user_comments  # no junk comment made of the old `#|` lines
    # GNU gettext reads the same previous msgid back.
    assert LONG.split()[-1] in gnu_entries(po, "--only-fuzzy")


def test_msgmerge_previous_form_is_kept(changed):
    if not shutil.which("msgmerge"):
        pytest.skip("GNU gettext (msgmerge) is not installed")
    source, paths, config, po = changed
    template = paths.pot_dir / "index.pot"
    merged = po.with_name("merged.po")
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(merged), str(po),
                    str(template)], check=True)
    po.write_bytes(merged.read_bytes())
    merged.unlink()
    i18n_update.update_language("sv", config, paths)
    message = read_catalog(po, locale="sv")[LONG_CHANGED]
    assert message.previous_id == [LONG] and not message.user_comments


def test_the_projects_catalogs_carry_no_misread_previous_msgid():
    junk = [f"{path.relative_to(LOCALE_DIR)}:{number}" for path in LOCALE_DIR.rglob("*.po")
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.startswith("# | msgid") or line.startswith('#| msgid "" "')]
    assert junk == []
