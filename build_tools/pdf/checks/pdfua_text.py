"""PDF/UA-1 7.2 with ISO 32000-1 14.8.2.2.3 and 14.9.4: a word hyphenated over two lines is
read whole, and an /ActualText says what the glyphs it covers show."""

from __future__ import annotations

import re
import unicodedata

from build_tools.pdf.checks.common import Problems
from build_tools.pdf.checks.tagged import PageKey, Tagged
from build_tools.pdf.tagging.content import ActualSpan, Sequence
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
    sequences = _shown_in_reading_order(tagged)
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


def _shown_in_reading_order(tagged: Tagged) -> list[tuple[PageKey, Sequence]]:
    """The tagged sequences that show text, in reading order, with their pages."""
    by_mcid = {key: content.by_mcid() for key, content in tagged.contents.items()}
    shown = []
    for item, _element in tagged.items:
        if item.page is None or item.mcid is None:
            continue
        sequence = by_mcid.get(item.page, {}).get(item.mcid)
        if sequence is not None and sequence.shows:
            shown.append((item.page, sequence))
    return shown


def _same(actual: str, shown: str) -> bool:
    # A ligature glyph maps to its letters in one font and to one code point in another.
    return unicodedata.normalize("NFKC", actual) == unicodedata.normalize("NFKC", shown)


def _continuation(span: ActualSpan, sequence: Sequence,
                  following: Sequence | None) -> ActualSpan | None:
    """The empty span that goes on with `span`'s hyphenated word: the first thing the
    next line shows, when `span` ends its own line with a hyphen (hyphens.py's pairs)."""
    if following is None or not span.covered.endswith("-") or span.end != len(sequence.shows):
        return None
    first = following.spans[0] if following.spans else None
    return first if first is not None and first.start == 0 and not first.actual else None


def actual_text_matches(tagged: Tagged) -> Problems:
    """A reader hears an /ActualText instead of the glyphs it covers, so it must say what
    they show: the same text, or, for a word hyphenated over two lines, the first part less
    its hyphen joined with the part under the next line's empty /ActualText. A span that
    covered the wrong glyphs read "Tesitteleemä" for "Tämä" while looking right on paper."""
    shown = _shown_in_reading_order(tagged)
    continuation = None  # the next line's first span, when it goes on with a word
    for position, (page, sequence) in enumerate(shown):
        following = shown[position + 1][1] if position + 1 < len(shown) else None
        for span in sequence.spans:
            if span is continuation:
                continue
            where = f"MCID {sequence.mcid}"
            if not span.actual:
                yield tagged.numbers[page], (
                    f"an empty /ActualText ({where}) hides {span.covered!r} from screen "
                    "readers and is not the second part of a hyphenated word; remove the span")
                continue
            text = span.covered
            continuation = _continuation(span, sequence, following)
            if continuation is not None:
                text = text[:-1] + continuation.covered
            if not _same(span.actual, text):
                yield tagged.numbers[page], (
                    f"/ActualText {span.actual!r} ({where}) covers glyphs that show {text!r}: "
                    "a screen reader reads other words than the page shows; the span must "
                    "enclose exactly the glyphs it replaces (build_tools/pdf/tagging/hyphens.py "
                    "writes these spans)")
