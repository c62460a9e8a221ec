"""Checks of the static files: SVGs that cannot run script, stylesheets that load nothing
from elsewhere and name no missing file."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from build_tools.paths import PROJECT_ROOT

# SVG elements that run script or embed HTML.
_ACTIVE_ELEMENTS = {"script", "foreignObject", "handler", "listener"}
_LINK_ATTRIBUTES = {"href", "xlink:href", "src"}
_LIVE_VALUE = re.compile(r"(javascript|vbscript)\s*:", re.I)
# A raster image embedded in an SVG is inert; anything else it links to is loaded or followed.
_INERT_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)
_CSS_URL = re.compile(r"@import\s+(?:url\(\s*)?['\"]?([^'\")\s;]+)|url\(\s*['\"]?([^'\")]+)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def svg_problems(path: Path) -> list[str]:
    """An SVG opened from the site runs its scripts and event handlers: refuse those, and
    links out of the file."""
    problems: list[str] = []
    parser = expat.ParserCreate()

    def start(name: str, attributes: dict[str, str]) -> None:
        where = f"{_shown(path)}:{parser.CurrentLineNumber}"
        local = name.rsplit(":", 1)[-1]
        if local in _ACTIVE_ELEMENTS:
            problems.append(f"{where}: <{name}> element; an SVG in the handbook may not "
                            "carry script or HTML: remove it")
        for key, value in attributes.items():
            if key.lower().startswith("on"):
                problems.append(f"{where}: event handler {key}=...; remove it")
            elif key in _LINK_ATTRIBUTES and not (value.startswith("#")
                                                   or _INERT_DATA.match(value)):
                problems.append(f"{where}: {key}={value[:60]!r} points out of the file; an "
                                "SVG may only refer to its own parts (#id) or embed images")
            elif _LIVE_VALUE.search(value):
                problems.append(f"{where}: {key}={value[:60]!r} runs script; remove it")

    parser.StartElementHandler = start
    try:
        parser.Parse(path.read_bytes(), True)
    except expat.ExpatError as error:
        return [f"{_shown(path)}:{error.lineno}: not a well-formed SVG: "
                f"{expat.ErrorString(error.code)} (column {error.offset + 1}); fix or "
                "re-export the file"]
    return problems


def _named_urls(path: Path) -> list[tuple[int, str]]:
    """(line, url) of every url(...) and @import of a stylesheet, comments left out."""
    text = path.read_text(encoding="utf-8", errors="replace")
    # Comments are blanked, keeping line breaks so line numbers stay right.
    text = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), text)
    return [(text.count("\n", 0, match.start()) + 1, (match[1] or match[2]).strip())
            for match in _CSS_URL.finditer(text)]


def stylesheet_problems(path: Path) -> list[str]:
    """A stylesheet may load only files of its own site: anything else is fetched from
    elsewhere by every reader's browser."""
    problems = []
    for line, url in _named_urls(path):
        # A data: URL loads nothing, and an image in CSS runs no script.
        if _SCHEME.match(url) and not url.lower().startswith("data:") or url.startswith("//"):
            problems.append(f"{_shown(path)}:{line}: {url[:60]!r} loads a file from outside "
                            "the site; copy it into source/_static/ and refer to it there")
    return problems


def missing_files(path: Path, static_dirs: list[Path]) -> list[str]:
    """Each file a stylesheet in one of `static_dirs` names that will not be in _static/.

    Sphinx copies every one of `static_dirs` into the output's _static/, so a relative URL
    is resolved from the stylesheet's place there and may be found in any of them. Without
    this a font missing from source/ is found only while WeasyPrint renders, after the
    site of the same sources has been published.
    """
    home = next(folder for folder in static_dirs if path.is_relative_to(folder))
    place = path.relative_to(home).parent.as_posix()
    problems = []
    for line, url in _named_urls(path):
        # Other sites and schemes are stylesheet_problems' and the fetcher's; #id is a
        # fragment of the document itself.
        if not url or _SCHEME.match(url) or url.startswith(("//", "#")):
            continue
        where = f"{_shown(path)}:{line}"
        named = posixpath.normpath(posixpath.join(place, unquote(urlsplit(url).path)))
        if url.startswith("/") or named == ".." or named.startswith("../"):
            problems.append(f"{where}: url({url[:60]}) points outside _static/; put the file "
                            "in source/_static/ and name it relative to the stylesheet")
        elif not any((folder / named).is_file() for folder in static_dirs):
            problems.append(f"{where}: url({url[:60]}): _static/{named} does not exist (files "
                            "in _static/ are copied from source/_static/ and the print "
                            f"theme's static/): add the file (source/_static/{named}) or "
                            "fix the reference")
    return problems
