"""Write a catalog as GNU gettext writes it (msgcat's layout, lines of at most 79 columns).

Poedit saves through `msgcat`, Weblate's translate-toolkit imitates it: a file in this
layout comes back from either unchanged, and a file they saved comes back from
`invoke i18n.update` unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import cast

from babel.dates import format_datetime
from babel.messages.catalog import Catalog, Message

from build_tools.i18n.linebreak import possible_breaks, width_breaks

# msgcat's default --width, and Poedit's default "wrap at".
PAGE_WIDTH = 79
# The order in which gettext lists format flags (gettext-tools/src/format.c).
_FORMATS = ("c", "objc", "c++", "python", "python-brace", "java", "java-printf", "csharp",
            "javascript", "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua",
            "object-pascal", "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost",
            "tcl", "perl", "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp")
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}


_PYTHON_REST = re.compile(r"[ +#0-]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]*[diouxXeEfFgGcrs]")
_BRACE = re.compile(r"\{\{|\}\}|\{[\w.\[\]]*"
                    r"(?::(?:.?[<>=^])?[-+ ]?#?0?\d*,?(?:\.\d+)?[bcdeEfFgGnosxX%]?)?\}")


def _python_directive_end(value: str, start: int) -> int | None:
    """The end of the `%` directive at `start`, or None where gettext's parser fails."""
    position = start + 1
    if value.startswith("%", position):
        return position + 1
    if value.startswith("(", position):
        depth = 0
        for index in range(position + 1, len(value)):
            if value[index] == "(":
                depth += 1
            elif value[index] == ")":
                if depth == 0:
                    break
                depth -= 1
        else:
            return None
        position = index + 1
    match = _PYTHON_REST.match(value, position)
    return match.end() if match else None


def _inside_directives(value: str, flags: set[str]) -> set[int]:
    """Positions inside the format directives of a python-format (or, failing that,
    python-brace-format) string, where gettext never breaks. Like gettext's parser, the
    scan stops at the first malformed directive."""
    if "python-format" in flags:
        opener = "%"
    elif "python-brace-format" in flags:
        opener = "{"
    else:
        return set()
    inside: set[int] = set()
    position = 0
    while (start := value.find(opener, position)) != -1:
        if opener == "%":
            end = _python_directive_end(value, start)
        else:
            match = _BRACE.match(value, start)
            end = match.end() if match else None
        if end is None:
            break
        inside.update(range(start + 1, end))
        position = end
    return inside


def _escaped(portion: str, protected: set[int], offset: int) -> tuple[str, list[bool]]:
    """The portion as it appears between quotes, and where a break is forbidden: inside
    an escape sequence or a format directive."""
    text, forbidden = [], []
    for index, char in enumerate(portion):
        directive = offset + index in protected
        if char in _ESCAPES:
            text += ["\\", _ESCAPES[char]]
            forbidden += [directive, True]
        else:
            text.append(char)
            forbidden.append(directive)
    if portion.endswith("\n"):
        forbidden[-2] = True  # never break just before a final "\n"
    return "".join(text), forbidden


def wrap_field(keyword: str, value: str, prefix: str = "", width: int = PAGE_WIDTH,
               flags: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The lines of `keyword "value"`, wrapped as gettext's write-po.c wraps them."""
    portions = value.splitlines(keepends=True) or [""]
    protected = _inside_directives(value, set(flags))
    lines: list[str] = []
    first = True
    after_break = len(prefix) + 1
    limit = width - 1 - after_break
    offset = 0
    for number, portion in enumerate(portions):
        text, forbidden = _escaped(portion, protected, offset)
        offset += len(portion)
        allowed = [can and not no for can, no in zip(possible_breaks(text), forbidden,
                                                      strict=True)]
        start = (len(prefix) + len(keyword) + 2 if first else len(prefix) + 1) - after_break
        breaks = width_breaks(text, allowed, limit, start)
        if first and text and (number < len(portions) - 1 or start > limit or any(breaks)):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            breaks = width_breaks(text, allowed, limit, 0)
        line = f"{prefix}{keyword} " if first else prefix
        first = False
        line += '"'
        for index, char in enumerate(text):
            if breaks[index]:
                lines.append(line + '"')
                line = prefix + '"'
            line += char
        lines.append(line + '"')
    return lines


def _references(locations: Sequence[tuple[str, int | None]], width: int) -> list[str]:
    lines, line = [], "#:"
    for filename, lineno in dict.fromkeys(locations):
        reference = filename if lineno is None else f"{filename}:{lineno}"
        if len(line) > 2 and len(line) + len(reference) + 1 > width:
            lines.append(line)
            line = "#:"
        line += " " + reference
    return lines + [line] if len(line) > 2 else lines


def _flag_order(flag: str) -> tuple[int, str]:
    if flag == "fuzzy":
        return (0, "")
    language = flag.removeprefix("no-").removeprefix("possible-").removesuffix("-format")
    if flag.endswith("-format") and language in _FORMATS:
        return (1 + _FORMATS.index(language), flag)
    return (len(_FORMATS) + 1, flag)


def _first_string(message: Message) -> str | None:
    strings = message.string
    return (strings[0] if strings else "") if isinstance(strings, tuple | list) else strings


def _entry(message: Message, obsolete: bool, width: int) -> list[str]:
    lines = [f"# {comment}" if comment else "#" for comment in message.user_comments]
    lines += [f"#. {comment}" if comment else "#." for comment in message.auto_comments]
    lines += _references(message.locations, width)
    flags = set(message.flags)
    if not _first_string(message):
        flags.discard("fuzzy")  # gettext drops it: an empty translation is not fuzzy
    if flags:
        lines.append("#, " + ", ".join(sorted(flags, key=_flag_order)))
    prefix = "#~ " if obsolete else ""
    previous = list(message.previous_id or [])
    for keyword, value in zip(("msgid", "msgid_plural"), previous, strict=False):
        lines += wrap_field(keyword, value, "#~| " if obsolete else "#| ", width, flags)
    if message.context is not None:
        lines += wrap_field("msgctxt", message.context, prefix, width, flags)
    if isinstance(message.id, tuple | list):
        lines += wrap_field("msgid", message.id[0], prefix, width, flags)
        lines += wrap_field("msgid_plural", message.id[1], prefix, width, flags)
        strings = message.string if isinstance(message.string, tuple | list) else (
            message.string,)
        for index, string in enumerate(strings):
            lines += wrap_field(f"msgstr[{index}]", string or "", prefix, width, flags)
    else:
        lines += wrap_field("msgid", message.id, prefix, width, flags)
        # A singular message's msgstr is one string.
        lines += wrap_field("msgstr", cast(str, message.string or ""), prefix, width, flags)
    return lines


def header_fields(catalog: Catalog) -> list[tuple[str, str]]:
    """The header as read from the file (Poedit's X-* fields included), with the
    template's date; babel's own list for a catalog that was never a file."""
    fields = getattr(catalog, "po_header", None)
    if fields is None:
        return [(name, value.rstrip("\n")) for name, value in catalog.mime_headers
                if name != "Generated-By"]
    # babel parses POT-Creation-Date into a datetime; str is only a constructor input.
    date = format_datetime(cast(datetime, catalog.creation_date), "yyyy-MM-dd HH:mmZ",
                           locale="en")
    return [(name, date if name == "POT-Creation-Date" else value) for name, value in fields]


def header_comment(catalog: Catalog) -> list[str]:
    raw = getattr(catalog, "po_header_comment", None)
    if raw is not None:
        return list(raw)
    return [line for line in catalog.header_comment.splitlines() if line.startswith("#")]


def render(catalog: Catalog, width: int = PAGE_WIDTH) -> bytes:
    """The catalog's text in gettext's layout: header, live entries, then obsolete ones."""
    lines = header_comment(catalog)
    if catalog.fuzzy:
        lines.append("#, fuzzy")
    lines.append('msgid ""')
    lines += wrap_field("msgstr", "".join(f"{name}: {value}\n"
                                          for name, value in header_fields(catalog)),
                        width=width)
    for message in catalog:
        if message.id:
            lines += ["", *_entry(message, False, width)]
    for message in catalog.obsolete.values():
        if _first_string(message):  # gettext drops an obsolete entry without translation
            lines += ["", *_entry(message, True, width)]
    return ("\n".join(lines) + "\n").encode("utf-8")
