"""Read a .po or .pot file completely: previous msgids (`#|`, any wrapping), obsolete
entries and every header field, which babel's reader loses or misreads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from babel.messages.catalog import Catalog, Message

from build_tools.errors import TranslationError

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(".*)$')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_UNESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


_NO_MSGSTR = 'this msgid has no msgstr; add the line msgstr "" (or the translation) after it'
# GNU's octal and hex escapes are bytes of the (UTF-8) text; the others are characters.
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))")


def _strings(text: str) -> str:
    """The concatenated value of one or more quoted strings on a line."""
    value = "".join(_STRING.findall(text))
    if "\\" not in value:
        return value
    decoded, last = bytearray(), 0
    for match in _ESCAPE.finditer(value):
        decoded += value[last:match.start()].encode()
        if match[1] or match[2]:
            decoded.append(int(match[1], 8) & 0xFF if match[1] else int(match[2], 16))
        else:
            decoded += _UNESCAPES.get(match[3], match[3]).encode()
        last = match.end()
    return (decoded + value[last:].encode()).decode("utf-8")


@dataclass
class _Entry:
    lineno: int = 0
    comments: list[str] = field(default_factory=list)
    auto_comments: list[str] = field(default_factory=list)
    locations: list[tuple[str, int | None]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    plurals: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False
    last: tuple[str, str | int] | None = None  # the field a continuation line extends

    def message(self) -> Message:
        msgid: str | tuple[str, str]
        string: str | tuple[str, ...]
        msgid = self.fields.get("msgid", "")
        if "msgid_plural" in self.fields:
            msgid = (msgid, self.fields["msgid_plural"])
            string = tuple(self.plurals[i] for i in sorted(self.plurals))
        else:
            string = self.fields.get("msgstr", "")
        previous = [self.previous[k] for k in ("msgid", "msgid_plural") if k in self.previous]
        # babel annotates lineno as int, yet it and we write file-only references (None).
        message = Message(msgid, string, list(self.locations),  # type: ignore[arg-type]
                          (), self.auto_comments,
                          self.comments, previous, self.lineno, self.fields.get("msgctxt"))
        message.flags = {flag for flag in self.flags if flag}  # as written, no guessed ones
        return message


def _locations(text: str) -> list[tuple[str, int | None]]:
    found: list[tuple[str, int | None]] = []
    for token in text.replace("\u2068", "").replace("\u2069", "").split():
        name, colon, line = token.rpartition(":")
        found.append((name, int(line)) if colon and line.isdigit() else (token, None))
    return found


def _header(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon:  # the value exactly as written (one space after the colon is the syntax)
            pairs.append((name.strip(), value.removeprefix(" ")))
    return pairs


def parse(text: str, where: str, locale: str | None = None) -> Catalog:
    """A babel Catalog of the file's text; `where` names the file in errors."""
    catalog = Catalog(locale=locale, charset="utf-8", fuzzy=False)
    entries: list[_Entry] = []
    entry = _Entry()

    def finish() -> None:
        nonlocal entry
        if entry.fields or entry.comments or entry.auto_comments:
            entries.append(entry)
        entry = _Entry()

    def fail(number: int, problem: str) -> TranslationError:
        return TranslationError(f"{where}:{number}: {problem}; fix the syntax (Poedit's "
                                "Validate shows it too)")

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
            if not line:
                continue
        if line.startswith(("|", "#|")):  # a previous msgid, as `#|` or `#~|`
            line = line.removeprefix("#")[1:].lstrip()
            match = _KEYWORD.match(line)
            if match:
                if "msgstr" in entry.fields or entry.plurals:
                    finish()
                entry.previous[match.group(1)] = _strings(match.group(3))
                entry.last = ("previous", match.group(1))
            elif line.startswith('"') and entry.last and entry.last[0] == "previous":
                entry.previous[str(entry.last[1])] += _strings(line)
            continue
        if line.startswith("#"):
            if "msgstr" in entry.fields or entry.plurals:
                finish()
            kind, rest = line[1:2], line[2:].strip()
            if kind == ".":
                entry.auto_comments.append(rest)
            elif kind == ":":
                entry.locations += _locations(rest)
            elif kind == ",":
                entry.flags += [flag.strip() for flag in rest.split(",")]
            else:
                entry.comments.append(line[2:] if line[1:2] == " " else line[1:])
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            translated = "msgstr" in entry.fields or entry.plurals
            if keyword in ("msgctxt", "msgid") and "msgid" in entry.fields and not translated:
                raise fail(entry.lineno, _NO_MSGSTR)
            if keyword == "msgstr" and "msgstr" in entry.fields:
                raise fail(number, f"a second msgstr for the msgid at line {entry.lineno}; "
                                   "delete one of them")
            if keyword in ("msgctxt", "msgid") and (translated or keyword in entry.fields):
                finish()
            if keyword == "msgid" or not entry.lineno:  # a stray msgstr is named by its line
                entry.lineno = number
            entry.obsolete = entry.obsolete or obsolete
            if match.group(2) is not None:
                entry.plurals[int(match.group(2))] = _strings(match.group(3))
                entry.last = ("plural", int(match.group(2)))
            else:
                entry.fields[keyword] = _strings(match.group(3))
                entry.last = ("field", keyword)
        elif line.startswith('"') and entry.last:
            kind, key = entry.last
            if kind == "plural":
                entry.plurals[int(key)] += _strings(line)
            elif kind == "field":
                entry.fields[str(key)] += _strings(line)
            else:
                entry.previous[str(key)] += _strings(line)
        else:
            raise fail(number, f"not a valid .po line: {line[:60]!r}")
    if "msgid" in entry.fields and "msgstr" not in entry.fields and not entry.plurals:
        raise fail(entry.lineno, _NO_MSGSTR)
    finish()

    seen: dict[tuple, int] = {}
    for item in entries:
        if "msgid" not in item.fields:
            raise fail(item.lineno or 1, "an entry without msgid")
        message = item.message()
        # A catalog keeps one of two equal msgids; the other's translation would be lost.
        identity = (message.id, message.context, item.obsolete)
        if message.id and identity in seen:
            raise TranslationError(
                f"{where}:{item.lineno}: msgid {str(item.fields['msgid'])[:60]!r} is also at "
                f"line {seen[identity]}; a catalog holds each message once: merge the two "
                "translations into one entry and delete the other")
        seen[identity] = item.lineno
        if not message.id and not item.obsolete:
            # Our own attributes for po_writer (babel has no place for them); the header
            # entry is never plural, so its msgstr is one string.
            catalog.po_header = _header(  # type: ignore[attr-defined]
                cast(str, message.string))
            catalog.po_header_comment = [  # type: ignore[attr-defined]
                f"# {c}" if c else "#" for c in item.comments]
            catalog.mime_headers = catalog.po_header  # type: ignore[attr-defined]
            catalog.fuzzy = "fuzzy" in item.flags
        elif item.obsolete:
            # babel keys obsolete messages by id as it keys live ones; its annotation is
            # narrower than Message.id's.
            catalog.obsolete[message.id] = message  # type: ignore[index]
        else:
            catalog[message.id] = message
    return catalog
