"""The extensions take the handbook's configuration from Sphinx (conf.py), not from the process."""

from __future__ import annotations

import textwrap

import pytest

from build_tools.errors import BuildError
from build_tools.sphinxext.runner import run_sphinx

# Nothing here is in the project's own handbook.toml: what comes out came from this file.
OTHER_HANDBOOK = """\
[project]
slug = "testi"
title = "Testikirja"
author = "Testaajat ry"
source_language = "fi"

[languages.fi]
name = "suomi"

[editions.readers]
tag = "lukijat"
title = "Opas lukijoille"
audience = "Kaikki lukijat"
page_size = "A4"
variants = ["screen"]

[variants.screen]
label = "näyttöversio"
pdf_variant = "pdf/ua-1"
"""


def project(tmp_path, declaration: str):
    source = tmp_path / "source"
    source.mkdir()
    (tmp_path / "handbook.toml").write_text(OTHER_HANDBOOK, encoding="utf-8")
    (source / "conf.py").write_text(declaration + textwrap.dedent("""
        extensions = ["build_tools.sphinxext.print_builder", "build_tools.sphinxext.i18n"]
        language = "fi"
    """), encoding="utf-8")
    (source / "index.rst").write_text("Otsikko\n=======\n\nTeksti.\n", encoding="utf-8")
    return source


def build_print_html(tmp_path, source):
    outdir = tmp_path / "print"
    run_sphinx("handbookprint", "fi", outdir, tmp_path / "doctrees", tags=("lukijat",),
               source_dir=source)
    return (outdir / "index.html").read_text(encoding="utf-8")


def test_the_edition_and_titles_come_from_the_configuration_conf_py_declares(tmp_path):
    source = project(tmp_path, "from build_tools.config import load_config\n\n"
                               f"handbook_config = load_config({str(tmp_path / 'handbook.toml')!r})\n")
    html = build_print_html(tmp_path, source)
    assert "<title>Opas lukijoille</title>" in html
    assert '<meta name="author" content="Testaajat ry">' in html
    assert '<p class="cover-handbook">Testikirja</p>' in html
    assert 'class="edition-readers"' in html


def test_a_conf_py_without_the_configuration_is_a_worded_error(tmp_path):
    source = project(tmp_path, "")
    with pytest.raises(BuildError, match=r"conf\.py does not set handbook_config; add "
                                         r"`from build_tools\.config import project_config`"):
        build_print_html(tmp_path, source)
