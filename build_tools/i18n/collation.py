"""Alphabetical order of index entries in each language: sort keys and index letters.

Finnish follows SFS 4600: Å, Ä and Ö are letters of their own after Z, and W is a
variant of V (sorted together, V first when the words are otherwise equal).
Swedish follows SAOL since its 13th edition (2006): V and W are separate letters,
Å, Ä and Ö come after Z. Other languages use the Latin alphabet, accents ignored.
Letters outside the alphabet sort as their base letter (é as e); the exceptions
of each language's rules are listed in FOLDED.
"""

from __future__ import annotations

import unicodedata

LATIN = "abcdefghijklmnopqrstuvwxyz"
ALPHABETS = {
    "fi": LATIN.replace("w", "") + "åäö",
    "sv": LATIN + "åäö",
}
FOLDED = {
    "fi": {"w": "v", "ü": "y", "ű": "y", "ø": "ö", "õ": "ö", "ő": "ö", "æ": "ae", "œ": "oe",
           "ß": "ss", "þ": "th", "ð": "d", "đ": "d", "ł": "l"},
    "sv": {"ü": "y", "ø": "ö", "æ": "ä", "œ": "ö", "ß": "ss", "þ": "th", "ð": "d", "ł": "l"},
}
_DEFAULT_FOLDED = {"æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "þ": "th", "ð": "d", "ł": "l"}


def _alphabet(language: str) -> str:
    return ALPHABETS.get(language.split("_")[0], LATIN)


def _folded(language: str) -> dict[str, str]:
    return FOLDED.get(language.split("_")[0], _DEFAULT_FOLDED)


def _letters(text: str, language: str) -> list[str]:
    """The text as letters of the language's alphabet and digits; the rest is dropped."""
    alphabet, folded = _alphabet(language), _folded(language)
    letters: list[str] = []
    for character in unicodedata.normalize("NFC", text.casefold()):
        if character in folded:
            letters.extend(folded[character])
        elif character in alphabet or character.isdigit():
            letters.append(character)
        else:
            base = unicodedata.normalize("NFD", character)[0]
            if base in alphabet:
                letters.append(base)
    return letters


def sort_key(text: str, language: str) -> tuple:
    """Orders words as the language's dictionaries do: by letters first, then by the
    variant letters (v before w in Finnish, e before é), then case, then the text."""
    alphabet = _alphabet(language)
    primary = tuple((0, character) if character.isdigit() else (1, alphabet.index(character))
                    for character in _letters(text, language))
    return primary, unicodedata.normalize("NFD", text.casefold()), text


def index_letter(text: str, language: str) -> str:
    """The heading an entry is filed under: its first letter in the language's alphabet."""
    letters = _letters(text, language)
    if not letters:
        return ""
    return "0–9" if letters[0].isdigit() else letters[0].upper()
