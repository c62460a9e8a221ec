"""Finnish break points from Voikko's morphology (PyPI pyvoikko), with libvoikko's rules, in Python.

pyvoikko ships the voikko-fi transducer and reads it with kfst, both pure Python: no
system library is needed. pyvoikko analyses words but does not hyphenate; this module
does what libvoikko 4.3 does with the analyses (its AnalyzerToFinnishHyphenatorAdapter,
MPL-1.1/GPL-2+/LGPL-2.1+, read and re-expressed here; finnish_analysis.py reads them) with
setNoUglyHyphenation(True): compounds break at their boundaries, each part by the Finnish
syllable rules, never leaving one letter alone or splitting two vowels inside a part.
tests/test_hyphenation.py compares it with libvoikko word by word.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
from functools import cache
from pathlib import Path

from build_tools.errors import MissingDependency
from build_tools.pdf.finnish_analysis import VOWELS, is_valid_analysis, parse_structure

CONSONANTS = "bcdfghjklmnpqrstvwxzšž"
# Vowel pairs that are not diphthongs: a syllable ends between them (ko-a-la).
_SPLIT_VOWELS = ("ae", "ao", "ea", "eo", "ia", "io", "oa", "oe", "ua", "ue", "ye", "eä", "eö",
                 "iä", "iö", "yä", "äe", "öe")
# Loan consonant clusters kept together (a break moves before them: ge-ri-lla-tsh...).
_LONG_CONSONANTS = ("shtsh", "štš", "tsh", "tš", "zh")
# libvoikko reads at most this many analyses of a word, and hyphenates from 31 of them.
_MAX_ANALYSES = 99
_MAX_HYPHENATED_ANALYSES = 31
_MIN_PART = 2


@cache
def _transducer():
    """The voikko-fi transducer, read from pyvoikko's file on first use (1.3 s of CPU with
    kfst-rs). Importing pyvoikko would load it too, for good: release() could not free it."""
    spec = importlib.util.find_spec("pyvoikko")
    if spec is None or spec.origin is None:
        raise MissingDependency("Finnish hyphenation needs the Python package pyvoikko: "
                                "pip install -e . installs it")
    from kfst import FST

    return FST.from_kfst_file(str(Path(spec.origin).parent / "voikko.kfst"))


def release() -> None:
    """Free the transducer (~216 MB resident): a render needs it only while its document's
    words are hyphenated, not during the layout, when memory peaks."""
    _transducer.cache_clear()
    # The freed pages stay with the C allocator unless it is asked to return them.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def transducer_outputs(word: str) -> list[str]:
    """The transducer's analyses of `word` in lower case, as libvoikko reads them."""
    from kfst import TokenizationException

    try:
        outputs = [output for output, _weight in _transducer().lookup(word.lower())]
    except TokenizationException:  # a character the dictionary does not know
        return []
    return [output for output in outputs[:_MAX_ANALYSES] if is_valid_analysis(output)]


def pattern(word: str) -> str:
    """libvoikko's hyphenation pattern of `word`: '-' breaks before the letter, '=' the
    letter itself (a hyphen) is the break, ' ' no break."""
    if len(word) < _MIN_PART:
        return " " * len(word)
    candidates = [_interpret(parse_structure(output, len(word)), len(word))
                  for output in transducer_outputs(word)[:_MAX_HYPHENATED_ANALYSES]]
    if not candidates:  # an unknown word: no boundary known, but a hyphen is one
        rules_apply = not word[-1].isdigit()
        candidates = [[("=" if char == "-" and 0 < i < len(word) - 1 and rules_apply else " ")
                       for i, char in enumerate(word)]]
    candidates = _fewest_parts(candidates)
    lower = word.lower()
    for candidate in candidates:
        _hyphenate_parts(lower, candidate)
    return "".join(" " if any(c[i] in " X" for c in candidates) else candidates[0][i]
                   for i in range(len(word)))


def break_points(word: str) -> tuple[int, ...]:
    """Offsets into `word` before which a line may break."""
    return tuple(i for i, mark in enumerate(pattern(word)) if mark == "-")


def _fewest_parts(candidates: list[list[str]]) -> list[list[str]]:
    """If one reading sees no boundary in the word, keep only such readings (libvoikko's
    removeExtraHyphenations): an unknown split is no reason to break."""
    parts = [1 + sum(mark not in " X" for mark in candidate) for candidate in candidates]
    fewest = min(parts)
    if fewest > 1:
        return candidates
    return [candidate for candidate, count in zip(candidates, parts, strict=True)
            if count == fewest]


def _interpret(structure: str, length: int) -> list[str]:
    """Marks per letter from a STRUCTURE string: '-' a compound boundary before the letter,
    '=' a hyphen that is itself the boundary, 'X' a letter of an abbreviation."""
    marks = [" "] * length
    position = 1 if structure.startswith("=") else 0
    for i in range(length):
        if position >= len(structure):
            break
        if structure[position] == "-" and structure[position + 1:position + 2] == "=":
            if i:
                marks[i] = "="
            position += 2
            continue
        if structure[position] == "=":
            marks[i] = "-"
            position += 2
            continue
        if structure[position] in "jq":
            marks[i] = "X"
        position += 1
    return marks


def _hyphenate_parts(word: str, marks: list[str]) -> None:
    """Apply the syllable rules to each part between the boundaries in `marks`."""
    length = len(word)
    start = 0
    while start < length and marks[start] == "=":
        start += 1
    end = start + 1
    while end < length:
        if marks[end] in " X":
            end += 1
            continue
        if end >= start + _MIN_PART:
            marks[start:end] = _syllables(word[start:end], marks[start:end])
        start = end + 1 if marks[end] == "=" else end
        end = start + 1
    if end == length and start < end and end >= start + _MIN_PART:
        marks[start:end] = _syllables(word[start:end], marks[start:end])


def _syllables(part: str, marks: list[str]) -> list[str]:
    """Finnish syllable breaks inside one part of a word (libvoikko's ruleHyphenation with
    no ugly hyphenation)."""
    length = len(part)
    if length <= 1 or part[-1].isdigit() or marks[0] == "X":
        return marks
    marks = list(marks)
    # A consonant before a vowel starts a syllable, once the part has had a vowel.
    first = 0
    while first < length and part[first] in CONSONANTS:
        first += 1
    for i in range(first, length - 1):
        if (part[i] in CONSONANTS and part[i + 1] in VOWELS and part[i - 1] not in "/.:&%'"
                and (i <= 1 or part[i - 2] != "'")):
            marks[i] = "-"
    for i in range(1, length - 1):
        if part[i] == "'" and part[i + 1] in VOWELS:
            marks[i] = "="
    # Around a long vowel (libvoikko also splits before one after a vowel: tie-aa).
    for i in range(1, length - 1):
        if part[i] in VOWELS and part[i] == part[i + 1]:
            if part[i - 1] in VOWELS and _good_break(part, marks, i):
                marks[i] = "-"
            if _good_break(part, marks, i + 2):
                marks[i + 2] = "-"
    for i in range(length - 1):
        if marks[i + 1] == " " and part[i:i + 2] in _SPLIT_VOWELS:
            marks[i + 1] = "-"
    for i in range(1, length - 1):
        for cluster in _LONG_CONSONANTS:
            if i + len(cluster) < length and part.startswith(cluster, i):
                for k in range(i + 1, i + len(cluster) + 1):
                    if marks[k] == "-":
                        marks[k] = " "
                        marks[i] = "-"
    # No ugly breaks: no single letter at either end, no break between two vowels.
    marks[1] = " "
    marks[length - 1] = " "
    for i in range(length - 1):
        if part[i] in VOWELS and part[i + 1] in VOWELS:
            marks[i + 1] = " "
    return marks


def _good_break(part: str, marks: list[str], position: int) -> bool:
    """A break at `position` leaves a vowel on both sides before the next break."""
    if position == 0 or position + 1 >= len(part):
        return False
    before = False
    i = position - 1
    while marks[i] not in "-=" and i != 0:  # libvoikko does not look at the first letter
        before = before or part[i] in VOWELS
        i -= 1
    after = False
    for i in range(position, len(part)):
        if marks[i] in "-=" or part[i] == ".":
            break
        after = after or part[i] in VOWELS
    return before and after
