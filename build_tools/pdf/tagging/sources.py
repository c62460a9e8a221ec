"""What the tagging repair needs to know from the print HTML: link targets' headings, the
contents list, the footnotes and the document's words."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from build_tools.pdf.hyphenation import document_words

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The class of a footnote's text in the print HTML (build_tools/sphinxext/print_elements.py).
FOOTNOTE_CLASS = "handbook-footnote"


@dataclass(frozen=True)
class Sources:
    """Facts of one print HTML document.

    `headings`: anchor (a link's destination name) -> the text of the heading it leads to.
    `contents`: the contents page's link targets, in order.
    `notes`: each footnote's anchor and text, in document order (the order of the notes).
    `words`: the words of the text, as written (to tell a hyphenation break from a hyphen).
    """

    headings: dict[str, str]
    contents: tuple[str, ...]
    words: frozenset[str]
    notes: tuple[tuple[str, str], ...] = ()


def _text(heading) -> str:
    heading = copy.deepcopy(heading)
    for link in heading.find_class("headerlink"):
        link.drop_tree()
    # A draft's stylesheet writes "[fi] " before untranslated text (print.css
    # `.untranslated::before`): the heading reads so on its page.
    for element in heading.iter():
        if "untranslated" in element.classes:
            element.text = f"[{element.get('lang', '')}] {element.text or ''}"
    return " ".join(heading.text_content().split())


def _heading_after(element):
    """The heading an anchor stands for: itself, its first heading, the next one, or
    (an index entry's target inside a paragraph) the heading of its section."""
    if element.tag in _HEADINGS:
        return element
    inside = next(element.iter(*_HEADINGS), None)
    if inside is not None:
        return inside
    following = next(element.itersiblings(*_HEADINGS), None)
    if following is not None:
        return following
    section = next(element.iterancestors("section"), None)
    return None if section is None else next(section.iter(*_HEADINGS), None)


def _footnotes(document) -> tuple[tuple[str, str], ...]:
    return tuple((note.get("id", ""), " ".join(note.text_content().split()))
                 for note in document.find_class(FOOTNOTE_CLASS))


def footnote_texts(html_file: Path) -> tuple[str, ...]:
    """The text of each footnote of a print HTML file, in order."""
    return tuple(text for _anchor, text in
                 _footnotes(lxml.html.fromstring(html_file.read_bytes())))


def language_parts(html_file: Path) -> tuple[tuple[str, str], ...]:
    """(language, text) of each element of a print HTML file that declares another language
    than the document's: a Finnish fallback in a Swedish book."""
    document = lxml.html.fromstring(html_file.read_bytes())
    own = document.get("lang")
    return tuple((element.get("lang"), _text(element)) for element in document.iter()
                 if isinstance(element.tag, str) and element.get("lang") not in (None, own))


def read_sources(html_file: Path) -> Sources:
    document = lxml.html.fromstring(html_file.read_bytes())
    headings: dict[str, str] = {}
    for element in document.iter():
        anchor = element.get("id") if isinstance(element.tag, str) else None
        heading = _heading_after(element) if anchor else None
        if anchor and heading is not None:
            headings[anchor] = _text(heading)
    contents = tuple(link.get("href")[1:] for link in document.xpath(
        "//nav[contains(@class, 'contents')]//a[starts-with(@href, '#')]"))
    notes = _footnotes(document)
    # A link to a footnote is described by the note it leads to.
    headings.update(notes)
    return Sources(headings, contents, frozenset(document_words(html_file)), notes)
