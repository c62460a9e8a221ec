"""The tag repair's work grows with the pages, not faster: counted on WeasyPrint's own PDFs."""

from __future__ import annotations

import io

import pikepdf
import pytest
import weasyprint

from build_tools.pdf.tagging import elements
from build_tools.pdf.tagging.elements import add_list_bodies, dissolve_spans, tag_contents
from build_tools.pdf.tagging.links import repair_links


def contents_pdf(entries: int) -> bytes:
    """A contents list of `entries` links: WeasyPrint tags its part on each page as a list
    of its own, so a longer contents is more lists for tag_contents to join."""
    items = "".join(f'<li><a href="#s{i}">Luku {i}</a></li>' for i in range(entries))
    sections = "".join(f'<h2 id="s{i}">Luku {i}</h2>' for i in range(entries))
    html = f'<html lang="fi"><body><ol>{items}</ol>{sections}</body></html>'
    return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def kids_read_per_entry(entries: int, monkeypatch: pytest.MonkeyPatch) -> float:
    """Kids tag_contents reads (through structure.kids) per contents entry."""
    with pikepdf.open(io.BytesIO(contents_pdf(entries))) as pdf:
        root = pdf.Root.StructTreeRoot
        repair_links(root)
        dissolve_spans(root)
        add_list_bodies(pdf, root)
        read = 0
        original = elements.kids

        def counting(element):
            nonlocal read
            element_kids = original(element)
            read += len(element_kids)
            return element_kids

        with monkeypatch.context() as patch:
            patch.setattr(elements, "kids", counting)
            assert tag_contents(pdf, root, tuple(f"s{i}" for i in range(entries)))
        assert len(pdf.pages) > entries // 20  # the contents spans pages: lists to join
    return read / entries


def test_joining_the_contents_lists_reads_each_kid_a_fixed_number_of_times(monkeypatch):
    """Joining the per-page lists once read every kid joined so far again for each page
    (9.2 reads per entry for 60 entries, 11.7 for 240): the square of the contents."""
    small = kids_read_per_entry(60, monkeypatch)
    large = kids_read_per_entry(240, monkeypatch)
    assert large <= small * 1.02, (small, large)
