"""Sphinx post-transform for the print HTML: words in capitals are marked, so that the print
theme can keep them whole (print.css: `.caps { hyphens: manual }`).

CSS cannot select a word by its case, and the hyphenation dictionary cannot tell
USKALLAMME from uskallamme (pyphen looks words up in lower case): the mark must be in
the HTML. Only the print builder runs it; the web site's HTML is unchanged.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

CAPS_CLASS = "caps"
# A word of two or more letters or digits; it is "in capitals" when str.isupper() says so
# (letters all upper case, at least one letter: "LPR2033", "USKALLAMME", not "2033").
_WORD = re.compile(r"\w{2,}")
# Text inside these is never hyphenated anyway, or must stay as written.
_SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.title, nodes.FixedTextElement)


def split_caps(text: str) -> list[tuple[str, bool]]:
    """`text` in pieces, each (piece, in capitals?), in order; joined they give `text`."""
    pieces, start = [], 0
    for match in _WORD.finditer(text):
        if match.group().isupper():
            if match.start() > start:
                pieces.append((text[start:match.start()], False))
            pieces.append((match.group(), True))
            start = match.end()
    if start < len(text):
        pieces.append((text[start:], False))
    return pieces


class MarkCapitals(SphinxPostTransform):
    """Wraps each word in capitals of running text in `<span class="caps">`."""

    default_priority = 900
    builders = ("handbookprint",)

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or any(isinstance(node, _SKIP) for node in _ancestors(text)):
                continue
            pieces = split_caps(str(text))
            if not any(caps for _piece, caps in pieces):
                continue
            parent.replace(text, [nodes.inline(piece, piece, classes=[CAPS_CLASS]) if caps
                                  else nodes.Text(piece) for piece, caps in pieces])


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent
