"""PDF/UA-1 7.2 with ISO 32000-1 14.8.2.2.3: a word hyphenated over two lines is read whole."""

from __future__ import annotations

import re

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
