"""A render frees what it no longer needs before its peak: the layout's styles, a PDF's operators."""

from __future__ import annotations

import contextlib
import gc
from types import SimpleNamespace

import pikepdf
import pytest
from weasyprint.css import StyleFor
from weasyprint.text.fonts import FontConfiguration

from build_tools.pdf import render
from build_tools.pdf.layouts import layout_of
from build_tools.pdf.tagging.content import read_page


@contextlib.contextmanager
def no_automatic_collection():
    """Garbage in reference cycles stays until something collects it on purpose."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def styles_alive() -> int:
    return sum(isinstance(item, StyleFor) for item in gc.get_objects())


@pytest.mark.parametrize("collecting", [True, False], ids=["as-built", "without-the-collection"])
def test_the_layout_styles_are_freed_before_the_pdf_is_drawn(config, tmp_path, monkeypatch,
                                                             collecting):
    """WeasyPrint leaves its layout context (every element's styles) in cycles; laid_out
    collects it, or the draw allocates beside it (73 MB more at 250 pages). Without the
    collection the styles are still there: the check can fail."""
    if not collecting:
        # render's own gc only: the test's clean-up collection below must still run.
        monkeypatch.setattr(render, "gc", SimpleNamespace(collect=lambda *generation: 0))
    html_file = tmp_path / "index.html"
    html_file.write_text("<html><head></head><body><p>Ensimmäinen sivu.</p>"
                         '<p style="break-before: page">Toinen sivu.</p></body></html>',
                         encoding="utf-8")
    layout = layout_of(config.variants["screen"], config.editions["employees"],
                       config.variants)
    with no_automatic_collection():
        document = render.laid_out(html_file, layout, None, FontConfiguration())
        alive = styles_alive()
    assert len(document.pages) == 2
    assert (alive == 0) is collecting, alive


def holds_instructions(value) -> bool:
    """Whether `value`'s fields keep a list of pikepdf's parsed operators."""
    return any(isinstance(field, list)
               and any(isinstance(item, pikepdf.ContentStreamInstruction) for item in field)
               for field in vars(value).values())


def test_a_read_page_keeps_no_parsed_operators_but_gives_them_again():
    """The tag repair reads every page before it writes any: each page's operators kept
    as pikepdf objects took 160 MB for 250 pages."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"/P <</MCID 0>> BDC 0 0 m 10 10 l S EMC")
    content = read_page(page)
    assert [s.mcid for s in content.sequences] == [0]
    assert not holds_instructions(content)
    assert [str(i.operator) for i in content.operators] == ["BDC", "m", "l", "S", "EMC"]
    # The check sees a kept list.
    content.kept = content.operators  # type: ignore[attr-defined]
    assert holds_instructions(content)
