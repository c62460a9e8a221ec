"""Where GNU gettext breaks a long string: Unicode line breaking (UAX #14) as libunistring does it.

msgcat, msgmerge, Poedit (which saves through msgcat) and Weblate (translate-toolkit
imitates msgcat) all wrap .po strings this way; writing the same lines makes a save in
any of them a no-op. The classes cover the scripts of European languages; a character
this table does not know is treated as a letter.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Line breaking classes (UAX #14), the subset that matters for alphabetic text.
_CLASSES = ("OP", "CL", "CP", "QU", "GL", "NS", "EX", "SY", "IS", "PR", "PO", "NU", "AL", "ID",
            "IN", "HY", "BA", "BB", "B2", "ZW")
# The pair table of UAX #14 (its section 7.3) as libunistring 1.0 applies it, measured
# with its u8_possible_linebreaks: row = class before, column = class after; "_" a break
# is allowed, "%" only with spaces between, "^" never. (It differs from the standard's
# table: a break is allowed after "." or ":" before a letter, and before "..." only
# after a space.)
_PAIRS = """
OP ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^
CL _ ^ ^ % % ^ ^ ^ ^ % % _ _ _ % % % _ _ ^
CP _ ^ ^ % % % ^ ^ ^ % % % % _ % % % _ _ ^
QU ^ ^ ^ % % % ^ ^ ^ % % % % % % % % % % ^
GL % ^ ^ % % % ^ ^ ^ % % % % % % % % % % ^
NS _ ^ ^ % % % ^ ^ ^ _ _ _ _ _ % % % _ _ ^
EX _ ^ ^ % % % ^ ^ ^ _ _ _ _ _ % % % _ _ ^
SY _ ^ ^ % % % ^ ^ ^ _ _ % _ _ % % % _ _ ^
IS _ ^ ^ % % % ^ ^ ^ _ _ % _ _ % % % _ _ ^
PR % ^ ^ % % % ^ ^ ^ _ _ % % % % % % _ _ ^
PO % ^ ^ % % % ^ ^ ^ _ _ % % _ % % % _ _ ^
NU % ^ ^ % % % ^ ^ ^ % % % % _ % % % _ _ ^
AL % ^ ^ % % % ^ ^ ^ % % % % _ % % % _ _ ^
ID _ ^ ^ % % % ^ ^ ^ _ % _ _ _ % % % _ _ ^
IN _ ^ ^ % % % ^ ^ ^ _ _ _ _ _ % % % _ _ ^
HY _ ^ ^ % _ % ^ ^ ^ _ _ % _ _ % % % _ _ ^
BA _ ^ ^ % _ % ^ ^ ^ _ _ _ _ _ % % % _ _ ^
BB % ^ ^ % % % ^ ^ ^ % % % % % % % % % % ^
B2 _ ^ ^ % % % ^ ^ ^ _ _ _ _ _ % % % _ ^ ^
ZW _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ^
"""
_TABLE = {(row.split()[0], after): rule
          for row in _PAIRS.strip().splitlines()
          for after, rule in zip(_CLASSES, row.split()[1:], strict=True)}
_EXPLICIT = {
    " ": "SP", "!": "EX", "?": "EX", '"': "QU", "'": "QU", "(": "OP", "[": "OP", "{": "OP",
    ")": "CP", "]": "CP", "}": "CL", ",": "IS", ".": "IS", ":": "SY", ";": "IS", "/": "SY",
    "-": "HY", "$": "PR", "+": "PR", "\\": "PR", "%": "PO", "|": "BA", "\t": "BA",
    "\u00a0": "GL", "\u202f": "GL", "\u2007": "GL", "\u2011": "GL", "\u00ad": "BA",
    "\u2013": "BA", "\u2010": "BA", "\u2014": "B2", "\u2026": "IN", "\u200b": "ZW",
    "\u00b4": "BB", "\u00b1": "PR", "\u00b0": "PO", "\u2030": "PO", "\u20ac": "PR", "\u00a3": "PR",
    "\u00ab": "QU", "\u00bb": "QU", "\u2018": "QU", "\u2019": "QU", "\u201c": "QU",
    "\u201d": "QU", "\u201e": "OP", "\u201a": "OP", "\u2039": "QU", "\u203a": "QU",
}


@cache
def line_class(char: str) -> str:
    """The UAX #14 class of a character, as libunistring resolves it for European text."""
    if char in _EXPLICIT:
        return _EXPLICIT[char]
    category = unicodedata.category(char)
    if category in ("Mn", "Mc", "Me"):
        return "CM"
    if category == "Nd":
        return "NU"
    if category == "Zs":
        return "SP"
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return "ID"
    return {"Ps": "OP", "Pe": "CL", "Pi": "QU", "Pf": "QU", "Pd": "BA", "Sc": "PR"}.get(
        category, "AL")


def char_width(char: str) -> int:
    """Columns a character takes in a terminal: 2 for East Asian wide ones, 0 for marks."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def possible_breaks(text: str) -> list[bool]:
    """For each character, whether a line may break just before it."""
    breaks = [False] * len(text)
    last, seen_space = None, False
    for index, char in enumerate(text):
        kind = line_class(char)
        if kind == "SP":
            seen_space = True
            continue
        if kind == "CM":  # a combining mark goes with its base; after a space it is a letter
            if last is None or seen_space:
                kind = "AL"
            else:
                continue
        if last is not None:
            rule = _TABLE[(last, kind)]
            breaks[index] = rule == "_" or (rule == "%" and seen_space)
        last, seen_space = kind, False
    return breaks


def width_breaks(text: str, allowed: list[bool], width: int, start_column: int) -> list[bool]:
    """Where to break `text` so that no line is wider than `width` columns (greedy, as
    libunistring's ulc_width_linebreaks): a piece runs from one break opportunity to
    the next, and a line breaks before the piece that would overflow it."""
    chosen = [False] * len(text)
    last_break, column, piece = None, start_column, 0
    for index, char in enumerate(text):
        if allowed[index]:
            if last_break is not None and column + piece > width:
                chosen[last_break] = True
                column = 0
            last_break, column, piece = index, column + piece, 0
        piece += char_width(char)
    if last_break is not None and column + piece > width:
        chosen[last_break] = True
    return chosen
