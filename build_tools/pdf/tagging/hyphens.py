"""Words broken over two lines are read as one word.

WeasyPrint 70 draws a hyphenated word's two parts in two text boxes, each line its own
marked-content sequence, with the hyphen (`hyphenate-character`) as a glyph of the first:
a reader hears "vai-" and "kuttamis...". ISO 32000-1 (14.8.2.2.3, incidental artifacts)
wants that hyphen told apart from a real one. Here the first part, hyphen included,
gets the whole word as /ActualText and the second part an empty one (ISO 32000-1 14.9.4),
so a reader that starts a new word at each line still reads the word once, whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal

import pikepdf

from build_tools.pdf.tagging.content import PageContent, TextShow
from build_tools.pdf.tagging.marking import Edit
from build_tools.pdf.tagging.structure import text_string

# (page objgen, MCID)
Key = tuple[tuple[int, int], int]
# A line-end fragment that ends a word with a hyphen, and a line start that goes on.
_BROKEN = re.compile(r"([^\W\d_]+)-$")
_GOES_ON = re.compile(r"^([^\W\d_]+)")
_TOKENS = re.compile(rb"<([0-9A-Fa-f]*)>|(-?[0-9]*\.?[0-9]+)")
SAME_LINE_PT = 0.5


def broken_words(order: Iterable[Key], pages: dict[tuple[int, int], PageContent],
                 words: frozenset[str]):
    """(first show, the glyph its fragment starts at, second show, the glyph its fragment
    ends before, the whole word) for each word the layout hyphenated over two lines."""
    by_mcid = {page: content.by_mcid() for page, content in pages.items()}
    sequences = [(page, sequence) for page, mcid in order
                 for sequence in [by_mcid.get(page, {}).get(mcid)]
                 if sequence is not None and sequence.shows]
    for (page_a, before), (page_b, after) in zip(sequences, sequences[1:], strict=False):
        first, second = before.shows[-1], after.shows[0]
        if page_a == page_b and abs(first.baseline - second.baseline) < SAME_LINE_PT:
            continue
        # Cheap on the whole texts first: most line ends are no hyphenated word.
        if not (_BROKEN.search(first.text) and _GOES_ON.match(second.text)):
            continue
        first_glyphs, second_glyphs = first.glyph_texts(), second.glyph_texts()
        spaces = [i for i, text in enumerate(first_glyphs) if text == " "]
        start = spaces[-1] + 1 if spaces else 0
        end = next((i for i, text in enumerate(second_glyphs) if text == " "),
                   len(second_glyphs))
        head, tail = "".join(first_glyphs[start:]), "".join(second_glyphs[:end])
        broken, goes_on = _BROKEN.search(head), _GOES_ON.match(tail)
        if broken and goes_on and broken.group(1) + goes_on.group(1) in words:
            yield (page_a, first, start), (page_b, second, end), head[:-1] + tail


@functools.lru_cache(maxsize=4096)
def _number(written: bytes) -> int | Decimal:
    """A number as pikepdf is given it: a Decimal (written with 15 significant digits),
    or, for an integer that has no more, an int, which reads the same and converts
    seven times faster. A line repeats a few kerning steps: each is read once."""
    digits = written.lstrip(b"-")
    if digits.isdigit() and len(digits.lstrip(b"0")) <= 15:
        return int(written)
    return Decimal(written.decode())


def _items(operand) -> list:
    """A Tj/TJ operand's strings (bytes) and numbers, read from its written form: hex
    strings and numbers are all WeasyPrint writes, and iterating pikepdf's array is slow."""
    written = operand.unparse()
    if re.search(rb"\((?!\))", written):
        items = operand if isinstance(operand, pikepdf.Array) else [operand]
        return [bytes(item) if isinstance(item, pikepdf.String) else item for item in items]
    # An empty literal string `()` shows nothing and is left out.
    return [_number(number) if number else bytes.fromhex(hexa.decode())
            for hexa, number in _TOKENS.findall(written)]


def _pieces(instruction, width: int, cuts: list[int]) -> list[list]:
    """The operands of a Tj/TJ cut before the glyphs numbered in `cuts` (the first is 0);
    a number (a kerning step) stays with the glyph before it. Strings stay bytes: pikepdf
    makes them PDF strings as it builds the operand's array."""
    pieces: list[list] = [[] for _ in cuts]
    last = len(cuts) - 1
    piece, glyph = 0, 0
    items = _items(instruction.operands[0])
    for position, data in enumerate(items):
        if not isinstance(data, bytes):
            pieces[piece].append(data)
            continue
        while data:
            while piece < last and glyph >= cuts[piece + 1]:
                piece += 1
            if piece == last:
                # Past the last cut the rest of the operand is one piece, as it is.
                pieces[last].append(data)
                pieces[last] += [item for item in items[position + 1:]
                                 if not isinstance(item, bytes) or item]
                return pieces
            limit = cuts[piece + 1]
            taken, data = data[:(limit - glyph) * width], data[(limit - glyph) * width:]
            pieces[piece].append(taken)
            # A string may end before the cut (WeasyPrint writes a glyph per string).
            glyph += len(taken) // width
    return pieces


def split_show(instruction, width: int, ranges: list[tuple[int, int, str]]) -> list:
    """One text-showing operator as several, the glyphs of each (start, end, text) range
    in a `/Span <</ActualText text>> BDC ... EMC` of their own."""
    cuts = sorted({0, *(point for start, end, _ in ranges for point in (start, end))})
    texts = {start: text for start, _end, text in ranges}
    result = []
    for cut, piece in zip(cuts, _pieces(instruction, width, cuts), strict=True):
        if not piece:
            continue
        show = pikepdf.ContentStreamInstruction([pikepdf.Array(piece)], pikepdf.Operator("TJ"))
        if cut in texts:
            properties = pikepdf.Dictionary(ActualText=text_string(texts[cut]))
            result += [pikepdf.ContentStreamInstruction([pikepdf.Name.Span, properties],
                                                        pikepdf.Operator("BDC")),
                       show, pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))]
        else:
            result.append(show)
    return result


def join_broken_words(order: list[Key], pages: dict[tuple[int, int], PageContent],
                      words: frozenset[str], edits: dict[tuple[int, int], dict[int, Edit]]
                      ) -> int:
    """Add the edits that give each hyphenated word its ActualText; return how many.

    An edit is a function of the operator it replaces, called as its page is written."""
    ranges: dict[tuple[tuple[int, int], int], list[tuple[int, int, str]]] = {}
    shows: dict[tuple[tuple[int, int], int], TextShow] = {}
    joined = 0
    for (page_a, first, start), (page_b, second, end), word in broken_words(order, pages, words):
        shows[page_a, first.index], shows[page_b, second.index] = first, second
        wanted = [((page_a, first.index), (start, len(first.codes), word)),
                  ((page_b, second.index), (0, end, ""))]
        # A one-word line both ends one broken word and starts the next: keep the first.
        if any(range_[0] < other[1] and other[0] < range_[1]
               for key, range_ in wanted for other in ranges.get(key, [])):
            continue
        for key, range_ in wanted:
            ranges.setdefault(key, []).append(range_)
        joined += 1
    # The pieces are made as each page is written (marking.apply): pikepdf's objects
    # for a whole book's pieces took 55 MB.
    for (page, index), wanted_ranges in ranges.items():
        edits.setdefault(page, {})[index] = functools.partial(
            _split_if_shown, shows[page, index].width, wanted_ranges)
    return joined


def _split_if_shown(width: int, ranges: list[tuple[int, int, str]], instruction) -> list:
    """split_show of a Tj or TJ; another operator stays as it is."""
    if str(instruction.operator) not in ("Tj", "TJ"):
        return [instruction]
    return split_show(instruction, width, ranges)
