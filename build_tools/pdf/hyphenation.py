"""Hyphenation for WeasyPrint: Voikko's morphology for Finnish, pyphen's dictionaries otherwise.

WeasyPrint hyphenates through pyphen. For each document we write a pyphen dictionary
that holds exactly the document's words with their allowed break points, and register
it for the document's language while it is laid out. Unlike soft hyphens in the HTML,
this leaves extracted text, search and the tagged PDF untouched.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pyphen

from build_tools.errors import HyphenationError
from build_tools.paths import HYPHENATION_DIR, PROJECT_ROOT
from build_tools.pdf import finnish

EXCEPTIONS_DIR = HYPHENATION_DIR
# pyphen's own dictionaries, taken before any document's dictionary is registered.
_PYPHEN_LANGUAGES = dict(pyphen.LANGUAGES)
# Languages pyphen has no dictionary for, broken by Voikko's morphology (finnish.py).
_VOIKKO_LANGUAGES = ("fi",)
# pyphen's `en` is British (hyph_en_GB), whose patterns alone break communic-ations,
# res-ults and know-ledge: a British break is kept only where the American patterns
# allow it too (com-mu-nica-tions, results, knowledge).
_CONFIRMED_BY = {"en": "en_US"}
_WORD = re.compile(r"[^\W\d_]+")
# Longer "words" are not hyphenated: WeasyPrint tries each break point of a word that
# does not fit with a new layout, so the work grows with the square of its length (a
# 6,000-letter word took 236 s). Finnish's longest dictionary words are about 60 letters.
MAX_WORD = 64
_EXCEPTION_LINE = re.compile(r"^[^\W\d_]+(-[^\W\d_]+)*$")


def exceptions_file(language: str) -> Path:
    return EXCEPTIONS_DIR / f"{language}-exceptions.txt"


@cache
def exceptions(language: str) -> dict[str, tuple[int, ...]]:
    """The exceptions of a language, read once per process."""
    return read_exceptions(exceptions_file(language))


def read_exceptions(path: Path) -> dict[str, tuple[int, ...]]:
    """An editor's break points per word (lower case) from an exceptions file.

    One word a line: `henkilöstö-tyytyväisyyden` allows breaks only where the hyphens are;
    a word without hyphens (`Lappeenranta`) is never broken. `#` starts a comment.
    """
    if not path.exists():
        return {}
    words = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if not _EXCEPTION_LINE.match(entry):
            raise HyphenationError(
                f"{path}:{number}: {entry!r} is not a word with hyphens at its break points; "
                "write one word a line, letters only, e.g. henkilöstö-tyytyväisyyden")
        parts = entry.lower().split("-")
        word = "".join(parts)
        if word in words:
            raise HyphenationError(f"{path}:{number}: {word!r} is listed twice; keep one line")
        words[word] = tuple(sum(len(part) for part in parts[:i]) for i in range(1, len(parts)))
    return words


@cache
def _dictionary(language: str) -> pyphen.Pyphen:
    if language not in _PYPHEN_LANGUAGES:
        raise HyphenationError(
            f"no hyphenation dictionary for language {language!r}: pyphen has none and "
            f"Voikko serves only {', '.join(_VOIKKO_LANGUAGES)}")
    return pyphen.Pyphen(filename=_PYPHEN_LANGUAGES[language])


@cache
def _engine_points(word: str, language: str) -> tuple[int, ...]:
    """The engine's break points of one word, computed once per process."""
    if language in _VOIKKO_LANGUAGES:
        return finnish.break_points(word)
    points = _dictionary(language).positions(word)
    if language in _CONFIRMED_BY:
        confirmed = set(_dictionary(_CONFIRMED_BY[language]).positions(word))
        points = [point for point in points if point in confirmed]
    return tuple(points)


def break_points(word: str, language: str) -> tuple[int, ...]:
    """Where `word` may break (offsets into it): the exceptions file first, then the engine."""
    if len(word) > MAX_WORD:
        return ()
    override = exceptions(language).get(word.lower())
    return override if override is not None else _engine_points(word, language)


def source_of(word: str, language: str) -> str:
    """Who decides how `word` breaks: the exceptions file, Voikko or pyphen."""
    if len(word) > MAX_WORD:
        return f"never broken: longer than {MAX_WORD} letters"
    if word.lower() in exceptions(language):
        return str(exceptions_file(language).relative_to(PROJECT_ROOT))
    if language in _VOIKKO_LANGUAGES:
        return "Voikko's Finnish morphology, from pyvoikko"
    _dictionary(language)  # an unknown language is an error here too
    dictionary = f"pyphen {_PYPHEN_LANGUAGES[language].name}"
    if language in _CONFIRMED_BY:
        return f"{dictionary}, where {_PYPHEN_LANGUAGES[_CONFIRMED_BY[language]].name} agrees"
    return dictionary


def hyphenated(word: str, language: str) -> str:
    """`word` with a '-' at every point where the layout may break it."""
    points = set(break_points(word, language))
    return "".join(("-" if i in points else "") + char for i, char in enumerate(word))


def dictionary_text(words: Iterable[str], language: str) -> str:
    """A pyphen (hunspell hyph_*.dic) dictionary that knows exactly `words`.

    Each word becomes one pattern anchored at both ends ('.word.'), with an odd digit
    at each allowed break; any other word gets no break at all.
    """
    patterns = {}
    for word in words:
        key = word.lower()
        if key in patterns or len(word) > MAX_WORD:
            continue
        points = break_points(word, language)
        if not points or len(key) != len(word):
            continue
        patterns[key] = "." + "".join(("1" if i in points else "") + char
                                      for i, char in enumerate(key)) + "."
    # pyphen needs at least one pattern; this one matches no word.
    return "UTF-8\n" + "\n".join(sorted(patterns.values()) or ["1."]) + "\n"


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words.update(_WORD.findall(data))


def words_of(html: str) -> set[str]:
    """The words of an HTML text, as written."""
    collector = _TextCollector()
    collector.feed(html)
    return collector.words


def document_words(html_file: Path) -> set[str]:
    """The words of an HTML document's text, as written."""
    return words_of(html_file.read_text(encoding="utf-8"))


@contextlib.contextmanager
def registered_dictionary(language: str, dictionary: str) -> Iterator[Path]:
    """While inside, WeasyPrint hyphenates `language` with `dictionary` (dictionary_text)."""
    saved = pyphen.LANGUAGES.get(language), pyphen.LANGUAGES_LOWERCASE.get(language.lower())
    with tempfile.TemporaryDirectory(prefix="hyphenation-") as folder:
        # A new path per document: pyphen caches parsed dictionaries by path.
        path = Path(folder) / f"hyph_{language}.dic"
        path.write_text(dictionary, encoding="utf-8")
        if language in _VOIKKO_LANGUAGES:
            # The words' break points are written (and cached): the layout that follows
            # needs the transducer's memory more than a later document needs its load time.
            finnish.release()
        pyphen.LANGUAGES[language] = path
        pyphen.LANGUAGES_LOWERCASE[language.lower()] = language
        try:
            yield path
        finally:
            pyphen.hdcache.pop(path, None)
            for table, key, value in ((pyphen.LANGUAGES, language, saved[0]),
                                      (pyphen.LANGUAGES_LOWERCASE, language.lower(), saved[1])):
                if value is None:
                    table.pop(key, None)
                else:
                    table[key] = value
