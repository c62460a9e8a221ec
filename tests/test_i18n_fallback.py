"""Untranslated text falls back to Finnish: counted in the log, marked in draft HTML and PDF."""

from __future__ import annotations

import logging
import textwrap

import pytest
from pypdf import PdfReader

from build_tools.config import project_config
from build_tools.i18n.catalogs import CatalogPaths, read_catalog, render_catalog
from build_tools.i18n.compile import compile_catalogs
from build_tools.i18n.extract import extract_documents
from build_tools.i18n.update import update_language
from build_tools.pdf.render import render_edition
from build_tools.sphinxext.runner import run_sphinx
from tests.pdf_inspect import page_texts

TRANSLATED = "Tämä kappale on käännetty ruotsiksi asianmukaisesti."
UNTRANSLATED = "Tätä kappaletta ei ole vielä käännetty kenellekään."


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A one-page project using the handbook's extensions, half translated into Swedish."""
    root = tmp_path_factory.mktemp("fallback")
    source = root / "source"
    source.mkdir()
    (source / "conf.py").write_text(textwrap.dedent("""\
        from build_tools.config import project_config

        handbook_config = project_config()
        extensions = ["build_tools.sphinxext.print_builder", "build_tools.sphinxext.i18n"]
        language = "fi"
        locale_dirs = ["../locale/"]
        gettext_compact = False
    """), encoding="utf-8")
    (source / "index.rst").write_text(f"Otsikko\n=======\n\n{TRANSLATED}\n\n{UNTRANSLATED}\n",
                                      encoding="utf-8")
    config = project_config()
    paths = CatalogPaths(locale_dir=root / "locale", pot_dir=root / "build" / "gettext")
    extract_documents(paths.pot_dir, config.source_language, source)
    update_language("sv", config, paths)
    po = paths.po("sv", "index")
    catalog = read_catalog(po, locale="sv")
    catalog["Otsikko"].string = "Rubrik"
    catalog[TRANSLATED].string = "Det här stycket är översatt till svenska på rätt sätt."
    po.write_bytes(render_catalog(catalog))
    compile_catalogs(["sv"], paths.locale_dir)
    return root, source


def build(project, builder, tags):
    root, source = project
    outdir = root / "build" / f"{builder}-{'-'.join(tags) or 'plain'}"
    run_sphinx(builder, "sv", outdir, root / "build" / "doctrees" / outdir.name,
               tags=tags, source_dir=source)
    return outdir / "index.html"


def test_a_normal_build_counts_the_fallback_and_marks_its_language(project, caplog):
    with caplog.at_level(logging.INFO, logger="build_tools.sphinxext.i18n"):
        html = build(project, "html", ()).read_text(encoding="utf-8")
    assert "sv, HTML site: 1 of 3 text blocks (paragraphs, headings, items) fall back to fi" in caplog.text
    assert "untranslated" not in html
    assert f'<p lang="fi">{UNTRANSLATED}</p>' in html
    assert "<p>Det här stycket är översatt" in html


def test_a_draft_build_marks_fallback_text_in_html(project):
    html = build(project, "html", ("draft",)).read_text(encoding="utf-8")
    assert f'<p class="untranslated" lang="fi">{UNTRANSLATED}</p>' in html
    assert "<p>Det här stycket är översatt" in html


def test_a_draft_build_marks_fallback_text_in_pdf(project, tmp_path):
    print_html = build(project, "handbookprint", ("employees", "draft"))
    config = project_config()
    pdf = render_edition(config, config.editions["employees"], "sv", print_html, tmp_path)[0].path
    text = " ".join(page_texts(PdfReader(pdf)))
    assert f"[fi] {UNTRANSLATED}" in text
    assert "[fi] Det här stycket" not in text
