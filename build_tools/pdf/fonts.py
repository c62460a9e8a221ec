"""The PDFs use only the shipped fonts: a private fontconfig, and text checked against them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from build_tools.paths import SOURCE_DIR

FONTS_DIR = SOURCE_DIR / "_static" / "fonts"
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
# Characters Pango lays out without a glyph of the font (line and paragraph controls,
# zero-width and bidi format characters).
_NO_GLYPH_NEEDED = ("Cc", "Cf", "Zl", "Zp")


def private_fontconfig(folder: Path, fonts_dir: Path = FONTS_DIR) -> Path:
    """A fontconfig configuration that knows only the shipped fonts; point FONTCONFIG_FILE
    at it before WeasyPrint starts.

    Without it Pango takes any character the handbook's font lacks from a font of the
    machine (DejaVu, Droid...): the PDF would depend on where it was built.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f"<fontconfig>\n  <dir>{escape(str(fonts_dir.resolve()))}</dir>\n"
            f"  <cachedir>{escape(str((folder / 'cache').resolve()))}</cachedir>\n"
            "</fontconfig>\n")
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


@cache
def covered_characters(fonts_dir: Path = FONTS_DIR) -> frozenset[int]:
    """The code points every shipped font has a glyph for."""
    from fontTools.ttLib import TTFont

    maps = [set(TTFont(path).getBestCmap()) for path in sorted(fonts_dir.iterdir())
            if path.suffix.lower() in FONT_SUFFIXES]
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def missing_glyphs(lines: Iterable[tuple[str, str]],
                   fonts_dir: Path = FONTS_DIR) -> list[str]:
    """For each (where, text) whose text has a character the fonts lack, a message
    'where: character ...', once per place and character."""
    covered = covered_characters(fonts_dir)
    problems = []
    for where, text in lines:
        for char in dict.fromkeys(text):
            if ord(char) in covered or unicodedata.category(char) in _NO_GLYPH_NEEDED:
                continue
            name = unicodedata.name(char, "unnamed")
            problems.append(f"{where}: character {char!r} (U+{ord(char):04X} {name}) is not "
                            f"in the handbook's fonts ({_relative(fonts_dir)}/); the PDF "
                            "would take it from a font of this machine: replace it, or "
                            "ship a font that has it")
    return problems


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(SOURCE_DIR.parent))
    except ValueError:
        return str(path)
