"""libvoikko's reading of the voikko-fi transducer's output: valid readings, and their structure.

Re-expressed from libvoikko 4.3's FinnishVfstAnalyzer (parseStructure, isValidAnalysis;
MPL-1.1/GPL-2+/LGPL-2.1+). An output looks like
`[Ln][Xp]kaupunki[X]kaupunk[Sn][Ny]i[Bh][Bc][Ln][Xp]konserni[X]konsern[Sg][Ny]in`:
tags in brackets, the word's letters between them, `[Bc]` where a compound's parts meet.
"""

from __future__ import annotations

VOWELS = "aeiouyäö"


def parse_structure(output: str, length: int) -> str:
    """libvoikko's STRUCTURE of a reading: '=' before each part, 'p'/'i' a letter (lower/
    upper case), 'q'/'j' a letter of an abbreviation, '-' and ':' themselves."""
    structure = ["="]
    missing, seen, from_default = length, 0, 0
    title_case = abbreviation = False

    def letters(count: int) -> None:
        nonlocal title_case
        for _ in range(count):
            structure.append(("j" if abbreviation else "i") if title_case
                             else ("q" if abbreviation else "p"))
            title_case = False

    def take_seen() -> None:
        nonlocal missing
        letters(seen - from_default)
        missing = missing - (seen - from_default) if seen - from_default <= missing else 0

    i, end = 0, len(output)
    while i < end:
        char = output[i]
        if char == "[" and i + 2 < end:
            if i + 3 < end and output[i + 1] == "B" and output[i + 2] != "h" \
                    and output[i + 3] == "]":
                if i == 1:
                    structure.append("=")
                if seen > from_default:
                    take_seen()
                if i != 1 and i + 5 < end and structure[-1] != "=":
                    structure.append("=")
                i += 3
                seen = from_default = 0
            elif i + 3 < end and output[i + 1] == "X" and output[i + 3] == "]":
                if output[i + 2] == "r":  # the letters' structure, written out
                    title_case = False
                    i += 4
                    while i < end and output[i] != "[" and missing:
                        structure.append(output[i])
                        if output[i] != "=":
                            from_default += 1
                            missing -= output[i] != "-"
                        i += 1
                else:
                    i += 4
                    while i < end and output[i] != "[":
                        i += 1
                i += 2
            elif i + 3 < end and output[i + 1] == "L":
                kind = output[i + 2:i + 4]
                if kind[0] == "e":
                    title_case, abbreviation = True, False
                    i += 4
                elif kind == "nl":
                    abbreviation = False
                    i += 4
                elif kind[0] == "a":
                    abbreviation = True
                    i += 3
                elif kind[0] == "u" and i + 5 < end and (kind[1] == "r" or output[i + 4].isdigit()):
                    abbreviation = True
                    i += 3
                    i += output[i] == "r"
                else:
                    abbreviation = False
                    i += 3
            else:
                while i < end and output[i] != "]":
                    i += 1
        elif char == "-":
            if seen > from_default:
                take_seen()
                structure.append("-")
                seen = from_default = 0
            elif i != 0:
                if seen == from_default:
                    structure.append("-")
                else:
                    seen += 1
            missing -= missing > 0
            if len(structure) == 1:
                structure[0] = "-"
        elif char == ":":
            if abbreviation:
                if seen > from_default:
                    take_seen()
                    seen = from_default = 0
                abbreviation = False
            structure.append(":")
            missing -= missing > 0
        else:
            seen += 1
        i += 1
    letters(missing)
    return "".join(structure)


def is_valid_analysis(output: str) -> bool:
    """libvoikko's isValidAnalysis: drops readings whose compound joints break the rules
    for hyphens between parts (a hyphen is required between equal vowels: kauppa-alue)."""
    before_last = last = ""
    boundary = hyphen_present = unconditional = just_set = required = missing = False
    proper_start = non_ica_end = False
    i, length = 0, len(output)
    while i < length:
        char = output[i]
        if char == "[":
            if i + 2 >= length:
                return False
            if i + 3 < length:
                if output[i + 1] == "I":
                    if output[i + 2:i + 4] == "sf":
                        unconditional = just_set = True
                    elif output[i + 2:i + 4] == "cu":
                        boundary, unconditional, required = False, True, True
                    elif output[i + 2:i + 4] == "ca":
                        missing = non_ica_end = False
                elif output[i + 1] == "L":
                    if output[i + 2] == "e":
                        proper_start, non_ica_end = True, False
                    elif output[i + 2] == "n":
                        non_ica_end = True
                elif output[i + 1:i + 3] == "Dg":
                    proper_start = False
            if output[i + 1] == "X":
                while i + 3 < length:
                    i += 1
                    if output[i:i + 3] == "[X]":
                        i += 2
                        break
            elif output[i + 1:i + 3] == "Bh":
                i += 3
                boundary, hyphen_present = True, False
                if missing:
                    return False
                if required:
                    missing = True
            else:
                i += 1
                while i < length and output[i] != "]":
                    i += 1
        elif char == "-":
            proper_start = non_ica_end = False
            if i + 5 < length and output[i + 1:i + 5] == "[Bh]":
                boundary = hyphen_present = True
                i += 4
        else:
            if boundary:
                if last == "" or (before_last == "i" and last == "s"):
                    unconditional = True
                if required and hyphen_present:
                    required = False
                if not (unconditional and hyphen_present):
                    previous, following = last.lower(), char.lower()
                    needs_hyphen = ((previous == following and previous in VOWELS)
                                    or previous.isdigit())
                    if needs_hyphen != hyphen_present:
                        return False
                boundary = False
                if just_set:
                    just_set = False
                else:
                    unconditional = False
            before_last, last = last, char
        i += 1
    return not missing and (not proper_start or not non_ica_end)
