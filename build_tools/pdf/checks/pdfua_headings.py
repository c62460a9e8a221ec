"""PDF/UA-1 7.4: headings tagged as headings, at the levels the bookmarks give them, from H1 on."""

from __future__ import annotations

import re

import pikepdf

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged, describe

LEVELS = {f"/H{number}": number for number in range(1, 7)}
# A draft's print.css writes "[fi] " before untranslated text: in the heading's content,
# not in its bookmark.
_DRAFT_MARK = re.compile(r"^\[[\w-]+\] ")


def _bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """Every bookmark in reading order as (depth, title), depth 1 for the first level."""
    found = []
    with pdf.open_outline() as outline:
        stack = [(1, item) for item in reversed(outline.root)]
        while stack:
            depth, item = stack.pop()
            found.append((depth, " ".join(item.title.split())))
            stack.extend((depth + 1, child) for child in reversed(item.children))
    return found


def _headings(tagged: Tagged) -> list[tuple[pikepdf.Object, int, str]]:
    """The H1..H6 elements in reading order: (element, level, text)."""
    return [(element, LEVELS[tagged.role(element)], tagged.text(element))
            for element, _parent in tagged.elements if tagged.role(element) in LEVELS]


def heading_levels(tagged: Tagged) -> Problems:
    """Matterhorn 14-002 and 14-003: the first numbered heading is an H1, and no level is
    skipped on the way down."""
    previous = 0
    for element, level, text in _headings(tagged):
        if level > previous + 1:
            after = f"after H{previous}" if previous else "as the first heading"
            yield tagged.page_number(element), (
                f"{describe(element)} {text!r} is an H{level} {after}: a level is skipped")
        previous = level


def _matches(text: str, title: str) -> bool:
    """Whether a heading's text is a bookmark's title; a heading set on two lines may
    have no space at the break in its content."""
    def bare(words: str) -> str:
        return "".join(words.split())
    return bare(title) in (bare(text), bare(_DRAFT_MARK.sub("", text)))


def _joined(headings: list[tuple[pikepdf.Object, int, str]]
            ) -> list[tuple[pikepdf.Object, int, str]]:
    """A heading broken over two pages is two elements of one level, one per page: each
    is also read joined with the next ones of its level (the first element stands for it)."""
    joined = []
    for index, (element, level, text) in enumerate(headings):
        joined.append((element, level, text))
        for _next, next_level, next_text in headings[index + 1:index + 3]:
            if next_level != level:
                break
            text = f"{text} {next_text}"
            joined.append((element, level, text))
    return joined


def bookmarked_headings(tagged: Tagged) -> Problems:
    """Each bookmark is made from a heading of the print HTML: an H element with its text
    must follow the previous one's in the structure tree, at the bookmark's depth plus the
    same offset as the first (a heading tagged P, or at the wrong level, is found here)."""
    headings = _joined(_headings(tagged))
    position, offset = 0, None
    for depth, title in _bookmarks(tagged.pdf):
        found = next((index for index in range(position, len(headings))
                      if _matches(headings[index][2], title)), None)
        if found is None:
            holder = next((element for element, _parent in tagged.elements
                           if _matches(tagged.text(element), title)
                           and tagged.role(element) not in LEVELS
                           and tagged.role(element) not in ("/Link", "/Reference", "/TOCI")),
                          None)
            where = (f"its text is tagged {describe(holder)}" if holder is not None
                     else "no element of the structure tree has its text")
            yield (tagged.page_number(holder) if holder is not None else None), (
                f"the bookmark {title!r} has no heading element (H1-H6) after the previous "
                f"bookmark's: {where}")
            continue
        element, level, _text = headings[found]
        offset = level - depth if offset is None else offset
        if level - depth != offset:
            yield tagged.page_number(element), (
                f"{describe(element)} {title!r} is an H{level}, but its bookmark is at depth "
                f"{depth}, which the first bookmark's heading makes an H{depth + offset}")
        position = found + 1
