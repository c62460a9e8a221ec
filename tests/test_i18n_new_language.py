"""A new language: its empty catalogs pass the checks, and the next build builds every language."""

from __future__ import annotations

from pathlib import Path

from benchmarks.stressbook import copy_project
from build_tools.i18n.check import check_file
from tests.project_copy import invoke

PLURAL = '''msgid ""
msgstr ""
"Language: et\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Search finished, found one page matching the search query."
msgid_plural "Search finished, found ${resultCount} pages matching the search query."
msgstr[0] ""
msgstr[1] ""
'''


def test_an_untranslated_plural_entry_is_not_an_error(tmp_path):
    po = tmp_path / "et" / "LC_MESSAGES" / "sphinx.po"
    po.parent.mkdir(parents=True)
    po.write_text(PLURAL, encoding="utf-8")
    assert check_file(po, "et") == []
    po.write_text(PLURAL.replace('msgstr[1] ""', 'msgstr[1] "Leiti lehekülgi."'),
                  encoding="utf-8")
    [problem] = check_file(po, "et")
    assert "placeholders differ" in problem


def test_add_language_then_build_builds_every_language(tmp_path):
    project = copy_project(tmp_path / "project")
    added = invoke(project, "i18n.add-language", "et")
    assert added.returncode == 0, added.stdout + added.stderr
    checked = invoke(project, "i18n.check")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    built = invoke(project, "html", "--jobs", "1")
    assert built.returncode == 0, built.stdout + built.stderr
    for language in ("fi", "sv", "en", "et"):
        assert (project / "build" / "html" / language / "index.html").is_file()
    # Estonian falls back to Finnish, marked as Finnish for screen readers.
    page = (project / "build" / "html" / "et" / "alkusanat.html").read_text(encoding="utf-8")
    assert 'lang="fi"' in page
    pdf = invoke(project, "pdf", "--lang", "et", "--edition", "trustees", "--variant",
                 "screen", "--jobs", "1")
    assert pdf.returncode == 0, pdf.stdout + pdf.stderr
    assert Path(project / "build" / "pdf" / "viestintaohje-trustees-et-screen.pdf").is_file()
