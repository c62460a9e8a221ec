"""Hyphenation for WeasyPrint: Voikko for Finnish, pyphen's dictionaries otherwise, plus exceptions.

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

EXCEPTIONS_DIR = HYPHENATION_DIR
# pyphen's own dictionaries, taken before any document's dictionary is registered.
_PYPHEN_LANGUAGES = dict(pyphen.LANGUAGES)
# Languages pyphen has no dictionary for, and the engine that knows them.
_VOIKKO_LANGUAGES = ("fi",)
VOIKKO_PACKAGES = "libvoikko1 voikko-fi"
_WORD = re.compile(r"[^\W\d_]+")
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
def _voikko():
    """The Finnish Voikko engine, or an error naming the Debian packages to install."""
    try:
        import libvoikko
    except ImportError:
        raise HyphenationError("Finnish hyphenation needs the Python package libvoikko: "
                               "pip install -e . installs it") from None
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as error:
        raise HyphenationError(
            f"Finnish hyphenation needs Voikko and its Finnish dictionary ({error}). "
            f"Install the Debian packages: apt-get install {VOIKKO_PACKAGES}") from None


def _engine_points(word: str, language: str) -> tuple[int, ...]:
    if language in _VOIKKO_LANGUAGES:
        # Voikko marks '-' (break before this letter) and '=' (this character, a
        # hyphen already in the word, is the break): only the first kind adds a break.
        pattern = _voikko().getHyphenationPattern(word)
        return tuple(i for i, mark in enumerate(pattern) if mark == "-")
    if language not in _PYPHEN_LANGUAGES:
        raise HyphenationError(
            f"no hyphenation dictionary for language {language!r}: pyphen has none and "
            f"Voikko serves only {', '.join(_VOIKKO_LANGUAGES)}")
    return tuple(pyphen.Pyphen(filename=_PYPHEN_LANGUAGES[language]).positions(word))


def break_points(word: str, language: str) -> tuple[int, ...]:
    """Where `word` may break (offsets into it): the exceptions file first, then the engine."""
    override = exceptions(language).get(word.lower())
    return override if override is not None else _engine_points(word, language)


def source_of(word: str, language: str) -> str:
    """Who decides how `word` breaks: the exceptions file, Voikko or pyphen."""
    if word.lower() in exceptions(language):
        return str(exceptions_file(language).relative_to(PROJECT_ROOT))
    return "Voikko" if language in _VOIKKO_LANGUAGES else "pyphen"


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
        points = break_points(word, language)
        if key in patterns or not points or len(key) != len(word):
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


def document_words(html_file: Path) -> set[str]:
    """The words of an HTML document's text, as written."""
    collector = _TextCollector()
    collector.feed(html_file.read_text(encoding="utf-8"))
    return collector.words


@contextlib.contextmanager
def registered(language: str, words: Iterable[str]) -> Iterator[Path]:
    """While inside, WeasyPrint hyphenates `language` with a dictionary made for `words`."""
    saved = pyphen.LANGUAGES.get(language), pyphen.LANGUAGES_LOWERCASE.get(language.lower())
    with tempfile.TemporaryDirectory(prefix="hyphenation-") as folder:
        # A new path per document: pyphen caches parsed dictionaries by path.
        path = Path(folder) / f"hyph_{language}.dic"
        path.write_text(dictionary_text(words, language), encoding="utf-8")
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
