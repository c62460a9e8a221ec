"""What a translation may not bring in: markup in interface strings, live URL schemes,
control characters."""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from pathlib import Path

# A tag, or a stray '<' that a browser could read as the start of one.
_TAG = re.compile(r"<[^<>]*>?")
# Schemes a link may use; anything else before a ':' in a URL is refused.
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
# Schemes that run code or read the reader's disk when followed or loaded.
_LIVE_SCHEME = re.compile(r"(?<![\w.+-])(javascript|vbscript|data|file):(?=\S)", re.I)


def unsafe_scheme(uri: str) -> str | None:
    """The scheme of `uri` when it is not allowed (http, https, mailto, tel, or none)."""
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", uri)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", compact)
    if match and match[1].lower() not in SAFE_SCHEMES:
        return match[1].lower()
    return None


def interface_problems(msgid: str, msgstr: str) -> list[str]:
    """An interface string is pasted into HTML by the theme, in text and in attributes:
    it may carry only the msgid's own tags and straight double quotes."""
    problems = []
    extra = Counter(_TAG.findall(msgstr)) - Counter(_TAG.findall(msgid))
    if extra:
        problems.append(f"adds markup the msgid does not have: {', '.join(sorted(extra))}; "
                        "write '<' and '>' only where the msgid has them")
    if msgstr.count('"') > msgid.count('"'):
        problems.append('adds a straight double quote ("), which ends an HTML attribute; '
                        "use typographic quotes (” ”) instead")
    return problems


def text_problems(msgid: str, msgstr: str) -> list[str]:
    """Control characters and code-running URL schemes the msgid does not have."""
    problems = []
    controls = sorted({char for char in msgstr if unicodedata.category(char) == "Cc"
                       and char not in "\n\t" and char not in msgid})
    if controls:
        problems.append("contains control character(s) "
                        + ", ".join(f"U+{ord(char):04X}" for char in controls)
                        + "; delete them (they are invisible in most editors)")
    schemes = Counter(m[1].lower() for m in _LIVE_SCHEME.finditer(msgstr)) \
        - Counter(m[1].lower() for m in _LIVE_SCHEME.finditer(msgid))
    if schemes:
        problems.append(f"adds a {', '.join(sorted(schemes))}: address; links may only use "
                        f"{', '.join(SAFE_SCHEMES)} or point inside the handbook")
    return problems


def plural_forms_problems(path: Path, where: str, header: str) -> list[str]:
    """The Plural-Forms header is a C expression gettext evaluates: a typo there breaks
    every plural message of the file."""
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", header)
    try:
        if match is None:
            raise ValueError("expected 'nplurals=N; plural=EXPRESSION;'")
        gettext.c2py(match[2])
    except (ValueError, SyntaxError, RecursionError) as error:
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if '"Plural-Forms:' in text), 1)
        return [f"{where}:{line}: header Plural-Forms {header!r} is not valid ({error}); "
                "copy it from another catalog of the language, e.g. "
                "'nplurals=2; plural=(n != 1);'"]
    return []
