"""`--release` publishes the complete languages and refuses the others by name and message."""

from __future__ import annotations

import json

from benchmarks.stressbook import copy_project
from build_tools.i18n.catalogs import read_catalog, render_catalog
from tests.project_copy import invoke

VISION = "Visio"
GOALS = "Päätavoitteina on"


def test_release_refuses_only_the_incomplete_language(tmp_path):
    project = copy_project(tmp_path / "project")
    # A release also needs the accessibility statement's feedback address.
    toml = project / "handbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'source_language = "fi"', 'source_language = "fi"\nfeedback_email = "palaute@example.fi"'),
        encoding="utf-8")
    po = project / "locale" / "sv" / "LC_MESSAGES" / "strategia.po"
    catalog = read_catalog(po, locale="sv")
    catalog[VISION].string = ""
    catalog[GOALS].flags.add("fuzzy")
    po.write_bytes(render_catalog(catalog))
    lines = po.read_text(encoding="utf-8").splitlines()
    vision = lines.index(f'msgid "{VISION}"') + 1
    goals = lines.index(f'msgid "{GOALS}"') + 1

    result = invoke(project, "build", "--release", "--lang", "fi,sv", "--edition", "trustees",
                    "--variant", "screen", "--jobs", "1")
    seen = result.stdout + result.stderr
    assert result.returncode == 1, seen
    assert "error: --release refused sv (incomplete translation)" in seen
    assert "Refused by --release (not completely translated): sv" in seen
    assert f"locale/sv/LC_MESSAGES/strategia.po:{vision}: untranslated: 'Visio'" in seen
    assert f"locale/sv/LC_MESSAGES/strategia.po:{goals}: fuzzy: 'Päätavoitteina on'" in seen

    build = project / "build"
    assert (build / "html" / "fi" / "index.html").is_file()
    assert (build / "pdf" / "viestintaohje-trustees-fi-screen.pdf").is_file()
    assert not (build / "html" / "sv").exists()
    assert not (build / "pdf" / "viestintaohje-trustees-sv-screen.pdf").exists()
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["refused_languages"] == ["sv"]
    assert {artifact["language"] for artifact in manifest["artifacts"]} == {"fi"}

    # --allow-incomplete publishes it with Finnish fallback.
    allowed = invoke(project, "build", "--release", "--allow-incomplete", "--lang", "sv",
                     "--edition", "trustees", "--variant", "screen", "--jobs", "1")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert (build / "html" / "sv" / "index.html").is_file()
