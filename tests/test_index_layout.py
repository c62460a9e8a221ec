"""The print index's two columns, laid out by WeasyPrint with the print theme's own template and CSS.

An entry listing many pages continues in the next column (two lines on each side), so
WeasyPrint balances the columns in a few trial layouts. Kept whole, as before, it made
WeasyPrint lay the columns out again a line or 1 px taller each time: 20 layouts per
index page here, 36 in the 248-page stress book and up to 274 in the 493-page one.
"""

from __future__ import annotations

import shutil
from itertools import groupby

import jinja2
import pytest
import weasyprint.layout.block as block_layout
from weasyprint import HTML

from build_tools.paths import PRINT_THEME_DIR, SOURCE_DIR

# Pages of text before the index, with anchors for the index to list.
PAGES = 40
ANCHORS_PER_PAGE = 3
# As in the stress book (benchmarks/stressbook.py): five terms in each of 114 chapters.
LONG_TERMS = ("kaupunkikonserni", "LPR2033", "luottamushenkilö", "strategiset kärjet", "visio")
LONG_ENTRY_PAGES = 114
SHORT_TERMS = ("arvot", "brändi", "saavutettavuus", "tiedote")
# Column layouts for one making of an index page: 12 here (one trial at full height, three
# balancing trials, the final two columns); entries kept whole took 20.
MOST_LAYOUTS_PER_PAGE = 15
# The old rule: every entry kept whole.
ENTRIES_KEPT_WHOLE = ".book-index li { break-inside: avoid; }"


def _index_document(folder, css: str = "") -> HTML:
    """A book of PAGES pages and its index chapter, rendered by the print theme's template."""
    static = folder / "_static"
    shutil.copytree(PRINT_THEME_DIR / "static", static)
    shutil.copytree(SOURCE_DIR / "_static" / "fonts", static / "fonts")
    anchors = [f"kohta-{page}-{number}" for page in range(PAGES)
               for number in range(ANCHORS_PER_PAGE)]
    entries = [{"name": term, "anchors": [anchors[position * 7]], "subentries": []}
               for position, term in enumerate(SHORT_TERMS)]
    entries += [{"name": term, "anchors": anchors[:LONG_ENTRY_PAGES], "subentries": []}
                for term in LONG_TERMS]
    entries.sort(key=lambda entry: entry["name"].lower())
    groups = [{"letter": letter.upper(), "entries": list(group)}
              for letter, group in groupby(entries, key=lambda entry: entry["name"][0].lower())]
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(PRINT_THEME_DIR),
                                  autoescape=True).get_template("index-chapter.html")
    index = template.render(handbook={"index": {"title": "Hakemisto", "anchor": "hakemisto",
                                                "groups": groups}})
    body = "".join(
        '<section style="break-before: page">'
        + "".join(f'<p id="kohta-{page}-{number}">Kappale.</p>'
                  for number in range(ANCHORS_PER_PAGE))
        + "</section>" for page in range(PAGES))
    return HTML(string=(
        '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Kirja</title>'
        '<link rel="stylesheet" href="_static/print.css">'
        '<link rel="stylesheet" href="_static/print-elements.css">'
        f'<link rel="stylesheet" href="_static/print-a4.css"><style>{css}</style></head>'
        f"<body>{body}{index}</body></html>"), base_url=str(folder / "index.html"))


def _index_faults(document: HTML, monkeypatch) -> list[str]:
    """What is wrong with the laid-out index: entries kept whole or split badly, unbalanced
    columns, or more column layouts than balancing needs."""
    layouts = []
    original = block_layout.block_box_layout

    def counting(context, box, *args, **kwargs):
        if getattr(box, "is_column", False):
            layouts.append(box)
        return original(context, box, *args, **kwargs)

    monkeypatch.setattr(block_layout, "block_box_layout", counting)
    pages = document.render().pages
    index_pages = [page for page in pages if any(_columns(page))]
    columns = [column for page in index_pages for column in _columns(page)]
    # Fragments of one entry share its element; (name, lines) per fragment, column by column.
    fragments = [(box.element.text.strip(), len(box.children)) for column in columns
                 for box in column.descendants()
                 if box.element_tag == "li" and type(box).__name__ == "BlockBox"]
    names = [name for name, _lines in fragments]
    faults = []
    if sorted(set(names)) != sorted(SHORT_TERMS + LONG_TERMS):
        faults.append(f"entries missing: {set(SHORT_TERMS + LONG_TERMS) - set(names)}")
    if any(names.count(term) > 1 for term in SHORT_TERMS):
        faults.append("a one-line entry is split")
    continued = [(name, lines) for name, lines in fragments if names.count(name) > 1]
    if not continued:
        faults.append("no long entry continues in the next column")
    if any(lines < 2 for _name, lines in continued):
        faults.append(f"a split leaves one line alone: {continued}")
    heights = [column.children[-1].position_y + column.children[-1].margin_height()
               for column in _columns(index_pages[-1])]
    if len(heights) != 2 or abs(heights[0] - heights[1]) > 3 * 20:
        faults.append(f"the last page's columns end {heights}, more than 3 lines apart")
    # WeasyPrint makes the index page up to three times (its target counters settle).
    if len(layouts) > 3 * MOST_LAYOUTS_PER_PAGE * len(index_pages):
        faults.append(f"{len(layouts)} column layouts for {len(index_pages)} index page(s)")
    return faults


def _columns(page) -> list:
    return [box for box in page._page_box.descendants() if getattr(box, "is_column", False)]


@pytest.mark.slow
def test_long_entries_continue_in_the_next_column_and_balance_in_few_layouts(
        tmp_path, monkeypatch):
    assert _index_faults(_index_document(tmp_path), monkeypatch) == []


@pytest.mark.slow
def test_the_index_checks_catch_entries_kept_whole(tmp_path, monkeypatch):
    faults = _index_faults(_index_document(tmp_path, ENTRIES_KEPT_WHOLE), monkeypatch)
    assert "no long entry continues in the next column" in faults
    assert any("column layouts for" in fault for fault in faults)
