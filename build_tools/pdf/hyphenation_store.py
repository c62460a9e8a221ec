"""A print HTML's hyphenation dictionary, made once beside it and reused by each of its renders.

Making it costs Finnish about a second of CPU (Voikko's transducer is read for it), and an
edition's PDF variants are rendered by up to three jobs in two worker processes: each made
it again. The print HTML job makes it now, and a render takes the stored one only when it
was made from the same inputs: the HTML's bytes, the language, its exceptions and the
engine (the hyphenation code and the versions of pyphen and Voikko's packages). Anything
else, a missing or unreadable file included, makes the dictionary afresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import cache
from importlib import metadata
from pathlib import Path

from build_tools.errors import HandbookError
from build_tools.files import write_atomically
from build_tools.pdf import finnish, finnish_analysis, hyphenation

log = logging.getLogger(__name__)

STORE_NAME = ".hyphenation.json"
_ENGINE_MODULES = (hyphenation, finnish, finnish_analysis)
_ENGINE_PACKAGES = ("pyphen", "pyvoikko", "kfst", "kfst-rs")


def store_path(html_file: Path) -> Path:
    return html_file.with_name(STORE_NAME)


@cache
def _engine() -> str:
    """The code and package versions that turn words into break points, in this process."""
    digest = hashlib.sha256()
    for module in _ENGINE_MODULES:
        digest.update(Path(str(module.__file__)).read_bytes())
    for package in _ENGINE_PACKAGES:
        try:
            digest.update(f"{package} {metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent\n".encode())
    return digest.hexdigest()


def inputs_key(html: bytes, language: str) -> str:
    """What the dictionary of a document is made from, as one hash."""
    # The exceptions as this process reads them (once): the ones its dictionary is made with.
    exceptions = json.dumps(sorted(hyphenation.exceptions(language).items()))
    digest = hashlib.sha256(f"{language}\n{_engine()}\n".encode())
    digest.update(hashlib.sha256(exceptions.encode()).digest())
    digest.update(hashlib.sha256(html).digest())
    return digest.hexdigest()


def _made(html: bytes, language: str) -> str:
    words = hyphenation.words_of(html.decode("utf-8"))
    return hyphenation.dictionary_text(words, language)


def prepare(html_file: Path, language: str, renders: int) -> None:
    """Store the dictionary of `html_file`'s words beside it, for its `renders` render
    jobs, then free Voikko's memory.

    For one render job nothing is stored: it makes the dictionary itself, as early, and
    Voikko's ~216 MB are not held here beside the worker that waits to render (a single
    PDF's peak). A problem (a bad exceptions line, Voikko missing) leaves no dictionary:
    the renders meet it again and fail with it, as they did before it was stored.
    """
    if renders < 2:
        store_path(html_file).unlink(missing_ok=True)
        return
    html = html_file.read_bytes()
    try:
        record = {"key": inputs_key(html, language), "dictionary": _made(html, language)}
    except HandbookError as problem:
        log.debug("%s: no hyphenation dictionary stored (%s)", html_file, problem)
        store_path(html_file).unlink(missing_ok=True)
        return
    finally:
        finnish.release()
    write_atomically(store_path(html_file), lambda path: path.write_text(
        json.dumps(record, ensure_ascii=False), encoding="utf-8"))


def dictionary_for(html_file: Path, language: str) -> str:
    """The dictionary of `html_file`'s words: the stored one if it was made from exactly
    these inputs, else made now."""
    html = html_file.read_bytes()
    try:
        record = json.loads(store_path(html_file).read_text(encoding="utf-8"))
        if record["key"] == inputs_key(html, language):
            return str(record["dictionary"])
        log.debug("%s: made from other inputs; hyphenation is worked out again",
                  store_path(html_file))
    except (OSError, ValueError, KeyError, TypeError):
        log.debug("%s: none usable; hyphenation is worked out again", store_path(html_file))
    return _made(html, language)
