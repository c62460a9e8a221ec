"""PDF/UA-1 7.2 with ISO 32000-1 14.8.2.2.3 and 14.9.4: a word hyphenated over two lines is
read whole, and an /ActualText says what the glyphs it covers show."""

from __future__ import annotations

import re
import unicodedata

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import Tagged
from build_tools.pdf.tagging.hyphens import SAME_LINE_PT

_ENDS_BROKEN = re.compile(r"(\S*?([^\W\d_]+))-$")
_GOES_ON = re.compile(r"^(([^\W\d_]+)\S*)")


def _ends_broken(text: str) -> re.Match | None:
    """_ENDS_BROKEN.search(text), searched in the text's last word only: a match is all
    non-space and ends at the end (or before a final newline), so it starts with that word.
    Searched from every position of a long text, the lazy \\S*? backtracks a long time."""
    if not text.endswith(("-", "-\n")):
        return None
    return _ENDS_BROKEN.search(text.rsplit(None, 1)[-1])


def whole_words(tagged: Tagged, words: frozenset[str]) -> Problems:
    """A line that ends in `vai-` followed by a line that starts `kuttamis...`, where the
    source text has `vaikuttamis...`, is read as two words unless /ActualText joins them."""
    sequences = []
    by_mcid = {key: content.by_mcid() for key, content in tagged.contents.items()}
    for item, _element in tagged.items:
        if item.page is None or item.mcid is None:
            continue
        sequence = by_mcid.get(item.page, {}).get(item.mcid)
        if sequence is not None and sequence.shows:
            sequences.append((item.page, sequence))
    for (page_a, first), (page_b, second) in zip(sequences, sequences[1:], strict=False):
        if page_a == page_b and abs(first.shows[-1].baseline
                                    - second.shows[0].baseline) < SAME_LINE_PT:
            continue
        broken, goes_on = _ends_broken(first.text), _GOES_ON.match(second.text)
        if broken and goes_on and broken.group(2) + goes_on.group(2) in words:
            yield tagged.numbers[page_a], (
                f"{broken.group(1)}- (MCID {first.mcid}) and {goes_on.group(1)} (MCID "
                f"{second.mcid}, page {tagged.numbers[page_b]}) are read as two words, with "
                f"the line-end hyphen; give the parts the /ActualText "
                f"{broken.group(2) + goes_on.group(2)!r}")


def _spans_in_reading_order(tagged: Tagged):
    """(page key, MCID, span) of every /ActualText span of the tagged content, in reading order."""
    by_mcid = {key: content.by_mcid() for key, content in tagged.contents.items()}
    for item, _element in tagged.items:
        if item.page is None or item.mcid is None:
            continue
        sequence = by_mcid.get(item.page, {}).get(item.mcid)
        for span in sequence.spans if sequence is not None else ():
            yield item.page, item.mcid, span


def _same(actual: str, shown: str) -> bool:
    # A ligature glyph maps to its letters in one font and to one code point in another.
    return unicodedata.normalize("NFKC", actual) == unicodedata.normalize("NFKC", shown)


def actual_text_matches(tagged: Tagged) -> Problems:
    """A reader hears an /ActualText instead of the glyphs it covers, so it must say what
    they show: the same text, or, for a word hyphenated over two lines, the first part less
    its hyphen joined with the part under the next line's empty /ActualText. A span that
    covered the wrong glyphs read "Tesitteleemä" for "Tämä" while looking right on paper."""
    spans = list(_spans_in_reading_order(tagged))
    continued = set()
    for position, (page, mcid, span) in enumerate(spans):
        if position in continued:
            continue
        where = f"MCID {mcid}"
        if not span.actual:
            yield tagged.numbers[page], (
                f"an empty /ActualText ({where}) hides {span.covered!r} from screen readers "
                "and is not the second part of a hyphenated word; remove the span")
            continue
        shown = span.covered
        following = spans[position + 1][2] if position + 1 < len(spans) else None
        if shown.endswith("-") and following is not None and not following.actual:
            continued.add(position + 1)
            shown = shown[:-1] + following.covered
        if not _same(span.actual, shown):
            yield tagged.numbers[page], (
                f"/ActualText {span.actual!r} ({where}) covers glyphs that show {shown!r}: "
                "a screen reader reads other words than the page shows; the span must "
                "enclose exactly the glyphs it replaces (build_tools/pdf/tagging/hyphens.py "
                "writes these spans)")
